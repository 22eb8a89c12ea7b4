// A broker's recovery pass trims the active log segment back to its last valid batch with ftruncate. When ftruncate
// fails it writes a line to the broker log first and only then reads errno: the log writer's own write(2) (SetLastError
// in the runtime) has replaced the saved error, so an EIO on the data disk is reported as "Success" and the partition is
// put back online with a torn tail.
using System.IO;
using System.Runtime.InteropServices;
using AsyncSys;

namespace Round39.Errno.RetentionTrimLogsFirst;

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
            brokerLog.WriteLine($"recovery: cannot trim {segmentName} to {validLength} bytes");
            int errno = /*~ASYS1001*/Marshal.GetLastPInvokeError();
            throw new ErrnoException(errno, "ftruncate", segmentName);
        }
    }
}
