using System;
using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round9.Threads.CheckpointLock;

internal static partial class LockFiles
{
    private const int LOCK_EX = 2;

    [LibraryImport("libc", EntryPoint = "flock", SetLastError = true)]
    private static partial int Flock(int fd, int operation);

    private static readonly ConcurrentDictionary<int, int> s_holders = new();   // lock file fd -> managed thread holding it

    /// <summary>Takes the checkpoint lock file; re-entrant for the thread that already holds it.</summary>
    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public static int AcquireCheckpointLock(int fd)
    {
        // on a worker both reads give the worker's id: re-entry is never seen, and the holder recorded is the worker
        if (s_holders.TryGetValue(fd, out int holder) && holder == /*~ASYS1002*/Environment.CurrentManagedThreadId)
        {
            return 0;
        }

        int rc = Flock(fd, LOCK_EX);
        if (rc == 0)
        {
            s_holders[fd] = /*~ASYS1002*/Environment.CurrentManagedThreadId;
        }

        return rc;
    }
}

/// <summary>Checkpoints take the lock file so a concurrent backup tool sees a consistent directory.</summary>
internal sealed class Checkpointer(IoRing ring, int lockFd)
{
    public async Task RunAsync(Func<CancellationToken, Task> body, CancellationToken cancellationToken)
    {
        await LockFiles.AcquireCheckpointLockAsync(ring, lockFd, cancellationToken);
        await body(cancellationToken);
    }
}
