// A shard locker takes flock on every shard at once (Task.WhenAll over the offloaded wrapper's variant); the wrapper times each flock and keeps the longest wait in a static field with a check-then-store, which workers running it at once race on (a shorter wait can overwrite a longer one).
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus51.ShardLockMaxBad;

internal static partial class ShardLocks
{
    internal const int LOCK_EX = 2;

    internal static long s_longestWaitTicks;

    [LibraryImport("libc", EntryPoint = "flock", SetLastError = true)]
    private static partial int FlockNative(int fd, int operation);

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    internal static int LockTimed(int fd, int operation)
    {
        long start = Stopwatch.GetTimestamp();
        int rc = FlockNative(fd, operation);
        long waited = Stopwatch.GetTimestamp() - start;
        if (waited > s_longestWaitTicks)
        {
            /*~ASYS1003*/s_longestWaitTicks = waited;
        }

        return rc;
    }
}

internal sealed class ShardLocker(IoRing ring)
{
    public Task LockAllAsync(IReadOnlyList<int> shardFds, CancellationToken ct) =>
        Task.WhenAll(shardFds.Select(fd => ShardLocks.LockTimedAsync(ring, fd, ShardLocks.LOCK_EX, ct).AsTask()));
}
