// A hosted durability loop calls fdatasync directly on each tick; on failure it first backs off (an awaited Task.Delay on the stopping token) and only then records errno for the failure, which by now is whatever the thread the loop resumed on last left there.
using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;

namespace Corpus56.FdatasyncBackoffBad;

internal static partial class Libc
{
    [LibraryImport("libc", EntryPoint = "fdatasync", SetLastError = true)]
    internal static partial int Fdatasync(int fd);
}

internal abstract class BackgroundService
{
    protected abstract Task ExecuteAsync(CancellationToken stoppingToken);

    public Task RunAsync(CancellationToken stoppingToken) => ExecuteAsync(stoppingToken);
}

internal sealed class DurabilityLoop(int dataFd, List<int> failures) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        TimeSpan backoff = TimeSpan.FromMilliseconds(50);
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            if (Libc.Fdatasync(dataFd) < 0)
            {
                await Task.Delay(backoff, stoppingToken).ConfigureAwait(false);
                backoff *= 2;
                failures.Add(/*~ASYS1001*/Marshal.GetLastPInvokeError());
                continue;
            }

            backoff = TimeSpan.FromMilliseconds(50);
        }
    }
}
