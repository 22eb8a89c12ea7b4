// The spill queue's commit retries fdatasync while it fails with EINTR, reading errno right after each call.
using System.IO;
using System.Runtime.InteropServices;

namespace Round35.Errno.SpillFdatasyncEintr;

internal static class Native
{
    internal const int EINTR = 4;

    [DllImport("libc", EntryPoint = "fdatasync", SetLastError = true)]
    internal static extern int Fdatasync(int fd);
}

public static class SpillCommit
{
    public static void Commit(int segmentFd)
    {
        int rc;
        do
        {
            rc = Native.Fdatasync(segmentFd);
        }
        while (rc < 0 && Marshal.GetLastPInvokeError() == Native.EINTR);

        if (rc < 0)
        {
            throw new IOException("fdatasync of spill segment failed: errno " + Marshal.GetLastPInvokeError());
        }
    }
}
