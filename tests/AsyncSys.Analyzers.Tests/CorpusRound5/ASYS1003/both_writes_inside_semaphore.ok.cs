using System.Collections.Generic;
using System.Runtime.InteropServices;
using System.Threading;
using AsyncSys;

namespace Round5.Shared.InsideRegion;

internal static class Native
{
    [DllImport("libc", SetLastError = true)]
    public static extern int flock(int fd, int operation);
}

public static partial class LockTable
{
    private static readonly SemaphoreSlim s_gate = new(1, 1);
    private static readonly HashSet<int> s_locked = new();
    private static int s_lastLocked;

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public static int LockShared(int fd)
    {
        int rc = Native.flock(fd, 1);
        if (rc == 0)
        {
            s_gate.Wait();
            try
            {
                s_locked.Add(fd);
                s_lastLocked = fd;
            }
            finally
            {
                s_gate.Release();
            }
        }

        return rc;
    }
}
