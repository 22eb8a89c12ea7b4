using System.Runtime.InteropServices;
using AsyncSys;

namespace Round4.Shared.VolatileLast;

public static partial class Locks
{
    // Last failure seen by any call, for a health endpoint: whole-value writes, last one wins.
    private static volatile int s_lastErrno;

    public static int LastErrno => s_lastErrno;

    [DllImport("libc", EntryPoint = "flock", SetLastError = true)]
    private static extern int flock_raw(int fd, int operation);

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public static int Lock(int fd, int operation)
    {
        int rc = flock_raw(fd, operation);
        if (rc != 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            s_lastErrno = errno;
            Marshal.SetLastPInvokeError(errno);
        }

        return rc;
    }
}
