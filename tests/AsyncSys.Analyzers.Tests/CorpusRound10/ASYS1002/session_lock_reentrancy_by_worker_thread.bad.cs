using System;
using System.Runtime.InteropServices;
using AsyncSys;

namespace Round10.PerThread.SessionLock;

/// <summary>
/// A terminal multiplexer's server takes an exclusive flock on its session directory's lock file before it changes
/// the session table; the lock is re-entrant for the thread that holds it. AcquireAsync runs it on a worker.
/// </summary>
internal static partial class SessionLock
{
    private const int LOCK_EX = 2;
    private const int LOCK_UN = 8;

    private static readonly object s_gate = new();
    private static int s_ownerThread = -1;
    private static int s_depth;

    [DllImport("libc", SetLastError = true)]
    private static extern int flock(int fd, int operation);

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public static int Acquire(int lockFd)
    {
        int me = /*~ASYS1002*/Environment.CurrentManagedThreadId;   // the worker's id, not the caller's
        lock (s_gate)
        {
            if (s_ownerThread == me)
            {
                s_depth++;   // another caller that landed on this worker is let in while the first holds the lock
                return 0;
            }
        }

        int rc = flock(lockFd, LOCK_EX);
        if (rc == 0)
        {
            lock (s_gate)
            {
                s_ownerThread = me;
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

            s_ownerThread = -1;
        }

        return flock(lockFd, LOCK_UN);
    }
}
