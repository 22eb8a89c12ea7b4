// A shard locker takes flock on every shard at once (Task.WhenAll over the offloaded wrapper's variant); the wrapper times each flock and raises the longest wait kept in a static field with a compare-exchange loop, so concurrent workers never lose a longer wait.
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus51.ShardLockMaxOk;

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
        long seen = Volatile.Read(ref s_longestWaitTicks);
        while (waited > seen)
        {
            long previous = Interlocked.CompareExchange(ref s_longestWaitTicks, waited, seen);
            if (previous == seen)
            {
                break;
            }

            seen = previous;
        }

        return rc;
    }
}

internal sealed class ShardLocker(IoRing ring)
{
    public Task LockAllAsync(IReadOnlyList<int> shardFds, CancellationToken ct) =>
        Task.WhenAll(shardFds.Select(fd => ShardLocks.LockTimedAsync(ring, fd, ShardLocks.LOCK_EX, ct).AsTask()));
}
