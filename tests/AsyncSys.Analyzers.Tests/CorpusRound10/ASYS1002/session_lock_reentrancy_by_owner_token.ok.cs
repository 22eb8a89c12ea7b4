using System;
using System.Runtime.InteropServices;
using AsyncSys;

namespace Round10.PerThread.SessionLockOk;

/// <summary>
/// A terminal multiplexer's server takes an exclusive flock on its session directory's lock file before it changes
/// the session table; the lock is re-entrant for the owner that holds it (a token the caller passes, one per
/// logical operation). AcquireAsync runs it on a worker.
/// </summary>
internal static partial class SessionLock
{
    private const int LOCK_EX = 2;
    private const int LOCK_UN = 8;

    private static readonly object s_gate = new();
    private static long s_owner;
    private static int s_depth;

    [DllImport("libc", SetLastError = true)]
    private static extern int flock(int fd, int operation);

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public static int Acquire(int lockFd, long ownerToken)
    {
        lock (s_gate)
        {
            if (s_owner == ownerToken)
            {
                s_depth++;
                return 0;
            }
        }

        int rc = flock(lockFd, LOCK_EX);
        if (rc == 0)
        {
            lock (s_gate)
            {
                s_owner = ownerToken;
                s_depth = 1;
            }
        }

        return rc;
    }

    public static int Release(int lockFd)
    {
        lock (s_gate)
        {
            if (--s_depth > 0)
            {
                return 0;
            }

            s_owner = 0;
        }

        return flock(lockFd, LOCK_UN);
    }
}
