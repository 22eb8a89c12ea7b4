// The same appender made right: errno is read as the first thing after each failed pwrite, inside the retry loop, and
// only then traced; a retry after EINTR makes a new pwrite before the next read.
using System.IO;
using System.Runtime.InteropServices;

namespace Round23.Errno.SegmentAppendRetry;

internal static unsafe class Native
{
    [DllImport("libc", EntryPoint = "pwrite", SetLastError = true)]
    internal static extern nint PWrite(int fd, byte* buffer, nuint count, long offset);
}

public sealed unsafe class SegmentAppender(int segmentFd, TextWriter trace)
{
    private const int EINTR = 4, ENOSPC = 28;
    private long _position;

    public bool ReadOnly { get; private set; }

    public bool Append(byte[] batch)
    {
        fixed (byte* p = batch)
        {
            nint written;
            while ((written = Native.PWrite(segmentFd, p, (nuint)batch.Length, _position)) < 0)
            {
                int errno = Marshal.GetLastPInvokeError();
                if (errno == EINTR)
                {
                    continue;
                }

                trace.WriteLine($"append at {_position} failed: errno {errno}");
                if (errno == ENOSPC)
                {
                    ReadOnly = true;
                }

                return false;
            }

            _position += written;
        }

        return true;
    }
}
