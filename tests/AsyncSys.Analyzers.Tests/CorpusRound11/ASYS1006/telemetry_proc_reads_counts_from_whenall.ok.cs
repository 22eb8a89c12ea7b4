// A telemetry agent's background service reads several /proc and /sys files each tick, converts each ValueTask once with AsTask() for Task.WhenAll and sums the counts WhenAll returns.
using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;
using Microsoft.Win32.SafeHandles;

namespace Round11.Unobserved.ProcReadsResultAfterWhenAllOk;

/// <summary>The shape of Microsoft.Extensions.Hosting's BackgroundService, without the package.</summary>
public abstract class BackgroundService
{
    public Task StartAsync(CancellationToken stoppingToken) => ExecuteAsync(stoppingToken);

    protected abstract Task ExecuteAsync(CancellationToken stoppingToken);
}

public sealed class ProcSampler(IoRing ring, IReadOnlyList<SafeFileHandle> files) : BackgroundService
{
    public long LastBytes { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(10));
        byte[][] buffers = files.Select(_ => new byte[4096]).ToArray();
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            var reads = new List<ValueTask<int>>(files.Count);
            for (int i = 0; i < files.Count; i++)
            {
                reads.Add(ring.ReadAsync(files[i], buffers[i], 0, stoppingToken));
            }

            int[] counts = await Task.WhenAll(reads.Select(read => read.AsTask()));
            LastBytes = counts.Sum();
        }
    }
}
