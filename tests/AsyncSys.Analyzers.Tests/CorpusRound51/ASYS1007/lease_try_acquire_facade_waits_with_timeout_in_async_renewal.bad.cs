// A lease keeper's TryAcquire blocks on the flock variant's Task with `Wait(timeout)`, a synchronous facade over the async twin; the async renewal loop calls it, blocking a pool thread for up to the whole timeout on every renewal.
using System;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus51.LeaseFacadeWaitBad;

internal static partial class Native
{
    internal const int LOCK_EX = 2;

    [LibraryImport("libc", EntryPoint = "flock", SetLastError = true)]
    [AsyncSyscall]
    internal static partial int Flock(int fd, int operation);
}

internal sealed class LeaseKeeper(IoRing ring, int lockFd)
{
    public bool TryAcquire(TimeSpan timeout) =>
        Native.FlockAsync(ring, lockFd, Native.LOCK_EX, CancellationToken.None).AsTask().Wait(timeout);

    public async Task RenewLoopAsync(TimeSpan period, TimeSpan timeout, Func<ValueTask> onLost, CancellationToken ct)
    {
        using var timer = new PeriodicTimer(period);
        while (await timer.WaitForNextTickAsync(ct).ConfigureAwait(false))
        {
            if (!/*~ASYS1007*/TryAcquire(timeout))
            {
                await onLost().ConfigureAwait(false);
            }
        }
    }
}
