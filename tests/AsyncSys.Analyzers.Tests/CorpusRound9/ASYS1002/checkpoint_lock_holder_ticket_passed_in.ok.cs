using System;
using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round9.Threads.CheckpointLockOk;

internal static partial class LockFiles
{
    private const int LOCK_EX = 2;

    [LibraryImport("libc", EntryPoint = "flock", SetLastError = true)]
    private static partial int Flock(int fd, int operation);

    private static readonly ConcurrentDictionary<int, long> s_holders = new();   // lock file fd -> checkpoint ticket holding it

    /// <summary>Takes the checkpoint lock file; re-entrant for the checkpoint (ticket) that already holds it.</summary>
    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public static int AcquireCheckpointLock(int fd, long ticket)
    {
        if (s_holders.TryGetValue(fd, out long holder) && holder == ticket)
        {
            return 0;
        }

        int rc = Flock(fd, LOCK_EX);
        if (rc == 0)
        {
            s_holders[fd] = ticket;
        }

        return rc;
    }
}

/// <summary>Checkpoints take the lock file under a ticket of their own, which follows them across threads.</summary>
internal sealed class Checkpointer(IoRing ring, int lockFd)
{
    private static long s_nextTicket;

    public async Task RunAsync(Func<CancellationToken, Task> body, CancellationToken cancellationToken)
    {
        long ticket = Interlocked.Increment(ref s_nextTicket);
        await LockFiles.AcquireCheckpointLockAsync(ring, lockFd, ticket, cancellationToken);
        await body(cancellationToken);
    }
}
