// The same recovery trim, with errno saved right after the failed ftruncate: the log line that follows cannot change
// the error the exception carries.
using System.IO;
using System.Runtime.InteropServices;
using AsyncSys;

namespace Round39.Errno.RetentionTrimSavesFirst;

internal static class Native
{
    [DllImport("libc", EntryPoint = "ftruncate", SetLastError = true)]
    internal static extern int Ftruncate(int fd, long length);
}

public sealed class SegmentTrimmer(TextWriter brokerLog)
{
    public void TrimTail(int segmentFd, long validLength, string segmentName)
    {
        if (Native.Ftruncate(segmentFd, validLength) != 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            brokerLog.WriteLine($"recovery: cannot trim {segmentName} to {validLength} bytes (errno {errno})");
            throw new ErrnoException(errno, "ftruncate", segmentName);
        }
    }
}
