// Crash recovery cuts a segment back to its last valid batch with ftruncate and closes the stale offset index (it is
// rebuilt from the log either way) before looking at the result. close(2) is a P/Invoke with SetLastError: the errno
// returned for a failed truncate is close's (usually 0), so recovery reports "truncate failed: success" and the torn
// tail stays in the log.
using System.Runtime.InteropServices;

namespace Round23.Errno.RecoveryTruncate;

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
        Native.Close(staleIndexFd);
        if (rc != 0)
        {
            return -/*~ASYS1001*/Marshal.GetLastPInvokeError();
        }

        return 0;
    }
}
