using System;
using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using AsyncSys;

namespace Round4.PerThread.LockOwner;

public static partial class FileLocks
{
    private const int LOCK_EX = 2;
    private static readonly ConcurrentDictionary<int, int> s_lockedBy = new();

    private static int CallerThread => Environment.CurrentManagedThreadId;

    [DllImport("libc", EntryPoint = "flock", SetLastError = true)]
    private static extern int flock_raw(int fd, int operation);

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public static int LockExclusive(int fd)
    {
        int rc = flock_raw(fd, LOCK_EX);
        if (rc == 0)
        {
            s_lockedBy[fd] = /*~ASYS1002*/CallerThread;   // on a worker: the worker's id, never the caller's
        }

        return rc;
    }
}
