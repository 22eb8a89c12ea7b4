// A partition log appends a record batch to its active segment with pwrite; on failure it first writes a trace line
// through a TextWriter (a write(2) of its own) and only then reads errno to tell a full disk (ENOSPC) apart. The trace
// write replaced the saved error, so a full disk is not seen and the broker keeps acking batches it cannot store.
using System.IO;
using System.Runtime.InteropServices;

namespace Round23.Errno.SegmentAppendTrace;

internal static unsafe class Native
{
    [DllImport("libc", EntryPoint = "pwrite", SetLastError = true)]
    internal static extern nint PWrite(int fd, byte* buffer, nuint count, long offset);
}

public sealed unsafe class SegmentAppender(int segmentFd, TextWriter trace)
{
    private const int ENOSPC = 28;
    private long _position;

    public bool ReadOnly { get; private set; }

    public bool Append(byte[] batch)
    {
        nint written;
        fixed (byte* p = batch)
        {
            written = Native.PWrite(segmentFd, p, (nuint)batch.Length, _position);
        }

        if (written < 0)
        {
            trace.WriteLine($"append at {_position} failed");
            int errno = /*~ASYS1001*/Marshal.GetLastPInvokeError();
            if (errno == ENOSPC)
            {
                ReadOnly = true;
            }

            return false;
        }

        _position += written;
        return true;
    }
}
