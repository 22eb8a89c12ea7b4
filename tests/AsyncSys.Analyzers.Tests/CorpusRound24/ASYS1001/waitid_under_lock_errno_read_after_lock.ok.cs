// A process supervisor reaps children with waitid(P_PIDFD, WNOHANG) under its table lock and reads errno after the
// lock block. Leaving a lock makes no P/Invoke that sets errno, so the value is still waitid's (ECHILD when the child
// was already reaped): correct code a rule counting every call in between would flag.
using System.Runtime.InteropServices;

namespace Round24.Errno.WaitidUnderLock;

internal static class Native
{
    internal const int P_PIDFD = 3, WEXITED = 4, WNOHANG = 1, ECHILD = 10;

    [DllImport("libc", EntryPoint = "waitid", SetLastError = true)]
    internal static extern int WaitId(int idtype, int id, byte[] siginfo, int options);
}

public sealed class ChildTable
{
    private readonly object _gate = new();
    private readonly byte[] _siginfo = new byte[128];

    public int TryReap(int pidfd)
    {
        int rc;
        lock (_gate)
        {
            rc = Native.WaitId(Native.P_PIDFD, pidfd, _siginfo, Native.WEXITED | Native.WNOHANG);
        }

        if (rc < 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            return errno == Native.ECHILD ? 0 : -errno;
        }

        return 1;
    }
}
