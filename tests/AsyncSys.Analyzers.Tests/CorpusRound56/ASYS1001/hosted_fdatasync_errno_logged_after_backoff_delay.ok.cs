// A hosted durability loop calls fdatasync directly on each tick; on failure it saves errno into a local at once, then backs off with an awaited Task.Delay and records the saved value, so the await cannot change what is recorded.
using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;

namespace Corpus56.FdatasyncBackoffOk;

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
                int errno = Marshal.GetLastPInvokeError();
                await Task.Delay(backoff, stoppingToken).ConfigureAwait(false);
                backoff *= 2;
                failures.Add(errno);
                continue;
            }

            backoff = TimeSpan.FromMilliseconds(50);
        }
    }
}
