// An offloaded segment append adds the bytes it wrote to a static per-segment counter through a helper that returns a reference into the counter array: two workers appending to one segment lose updates.
using System.Runtime.InteropServices;
using AsyncSys;

namespace Round44.SegmentCounters;

public static unsafe partial class SegmentAppender
{
    private static readonly long[] s_bytesBySegment = new long[64];

    [LibraryImport("libc", EntryPoint = "pwrite", SetLastError = true)]
    private static partial nint PWrite(int fd, byte* buffer, nuint count, long offset);

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public static long AppendRecord(int fd, int segment, byte[] record, long offset)
    {
        nint written;
        fixed (byte* p = record)
        {
            written = PWrite(fd, p, (nuint)record.Length, offset);
        }

        if (written > 0)
        {
            /*~ASYS1003*/BytesOf(segment) += written;
        }

        return written;
    }

    private static ref long BytesOf(int segment) => ref s_bytesBySegment[segment & 63];
}
