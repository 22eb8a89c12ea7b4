// An audit agent reads the kernel audit netlink socket with recvmsg. On failure it counts the drop with
// Interlocked.Increment (an intrinsic, no P/Invoke) and then reads errno: ENOBUFS means the kernel dropped audit records
// and a resync is needed. Nothing in between sets the saved error. Unsure: Interlocked is not in the documented list of
// calls that leave errno alone.
using System.Runtime.InteropServices;
using System.Threading;

namespace Round17.Errno.AuditRecvmsgInterlocked;

internal static class Native
{
    internal const int ENOBUFS = 105;

    [DllImport("libc", EntryPoint = "recvmsg", SetLastError = true)]
    internal static extern nint RecvMsg(int fd, nint message, int flags);
}

public sealed class AuditNetlinkReader(int auditFd)
{
    private long _failures;

    public bool NeedsResync { get; private set; }

    public nint Receive(nint message)
    {
        nint n = Native.RecvMsg(auditFd, message, 0);
        if (n < 0)
        {
            Interlocked.Increment(ref _failures);
            if (Marshal.GetLastPInvokeError() == Native.ENOBUFS)
            {
                NeedsResync = true;
            }
        }

        return n;
    }
}
