// The same recovery made right: errno is captured in a local right after the failed ftruncate, before the stale index
// is closed.
using System.Runtime.InteropServices;

namespace Round23.Errno.RecoveryTruncateSaved;

internal static class Native
{
    [DllImport("libc", EntryPoint = "ftruncate", SetLastError = true)]
    internal static extern int FTruncate(int fd, long length);

    [DllImport("libc", EntryPoint = "close", SetLastError = true)]
    internal static extern int Close(int fd);
}

public static class SegmentRecovery
{
    public static int CutTornTail(int logFd, int staleIndexFd, long validBytes)
    {
        int rc = Native.FTruncate(logFd, validBytes);
        int errno = rc != 0 ? Marshal.GetLastPInvokeError() : 0;
        Native.Close(staleIndexFd);
        return rc != 0 ? -errno : 0;
    }
}
