// A route monitor drains an rtnetlink socket with recvmsg. When the kernel dropped notifications the call fails with
// ENOBUFS and the monitor must resync with a full dump. It writes a warning line to its log first and only then reads
// errno: the log write (a file write that sets errno) replaced recvmsg's error, so ENOBUFS is taken for a fatal error
// and the agent stops instead of resyncing its route table.
using System.IO;
using System.Runtime.InteropServices;

namespace Round31.Errno.RouteMonitorEnobufsAfterLog;

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

        log.WriteLine("rtnetlink recvmsg failed on fd " + netlinkFd);
        int errno = /*~ASYS1001*/Marshal.GetLastPInvokeError();
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
