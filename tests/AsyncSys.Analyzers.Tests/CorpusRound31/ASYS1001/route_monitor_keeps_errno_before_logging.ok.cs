// The route monitor of the ENOBUFS case made right: errno is kept in a local right after the failed recvmsg, then the
// warning is logged and the kept value decides between a resync, a retry and a fatal error.
using System.IO;
using System.Runtime.InteropServices;

namespace Round31.Errno.RouteMonitorEnobufsKept;

internal static class Native
{
    internal const int EINTR = 4, ENOBUFS = 105;

    [DllImport("libc", EntryPoint = "recvmsg", SetLastError = true)]
    internal static extern nint RecvMsg(int fd, nint message, int flags);
}

public sealed class RouteMonitor(int netlinkFd, nint messageHeader, TextWriter log)
{
    public bool NeedsResync { get; private set; }

    public int DrainOnce()
    {
        nint n = Native.RecvMsg(netlinkFd, messageHeader, 0);
        if (n >= 0)
        {
            return (int)n;
        }

        int errno = Marshal.GetLastPInvokeError();
        log.WriteLine("rtnetlink recvmsg failed on fd " + netlinkFd + ": errno " + errno);
        if (errno == Native.ENOBUFS)
        {
            NeedsResync = true;
            return 0;
        }

        if (errno == Native.EINTR)
        {
            return 0;
        }

        throw new IOException("rtnetlink recvmsg failed: errno " + errno);
    }
}
