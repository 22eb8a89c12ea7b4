// A lease keeper's TryAcquireAsync awaits the flock variant under a linked token that CancelAfter(timeout) fires, so the flock itself ends (cancelled) on timeout; the async renewal loop awaits it and never blocks a thread.
using System;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus51.LeaseFacadeWaitOk;

internal static partial class Native
{
    internal const int LOCK_EX = 2;

    [LibraryImport("libc", EntryPoint = "flock", SetLastError = true)]
    [AsyncSyscall]
    internal static partial int Flock(int fd, int operation);
}

internal sealed class LeaseKeeper(IoRing ring, int lockFd)
{
    public async Task<bool> TryAcquireAsync(TimeSpan timeout, CancellationToken ct)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(timeout);
        try
        {
            await Native.FlockAsync(ring, lockFd, Native.LOCK_EX, deadline.Token).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return false;
        }
    }

    public async Task RenewLoopAsync(TimeSpan period, TimeSpan timeout, Func<ValueTask> onLost, CancellationToken ct)
    {
        using var timer = new PeriodicTimer(period);
        while (await timer.WaitForNextTickAsync(ct).ConfigureAwait(false))
        {
            if (!await TryAcquireAsync(timeout, ct).ConfigureAwait(false))
            {
                await onLost().ConfigureAwait(false);
            }
        }
    }
}
