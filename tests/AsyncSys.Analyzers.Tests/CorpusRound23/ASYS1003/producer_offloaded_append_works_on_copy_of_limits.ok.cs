// An offloaded pwrite wrapper checks a batch against the segment limits: it copies the shared limits struct into a
// local and works on the copy, and fills a receipt object made for this call. Neither write reaches shared state.
using System.Runtime.InteropServices;
using AsyncSys;

namespace Round23.SharedState.AppendLimitsCopy;

internal static unsafe class Native
{
    [DllImport("libc", EntryPoint = "pwrite", SetLastError = true)]
    internal static extern nint PWrite(int fd, byte* buffer, nuint count, long offset);
}

public struct SegmentLimits
{
    public long MaxBytes;
    public long Remaining;
}

public sealed class AppendReceipt
{
    public long Offset;
    public nint Written;
}

public static unsafe partial class SegmentAppend
{
    private static SegmentLimits s_limits = new() { MaxBytes = 1 << 30, Remaining = 1 << 30 };


    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public static nint AppendAt(int segmentFd, byte[] batch, long offset)
    {
        SegmentLimits limits = s_limits;
        limits.Remaining -= offset + batch.Length;
        if (limits.Remaining < 0)
        {
            return 0;
        }

        nint written;
        fixed (byte* p = batch)
        {
            written = Native.PWrite(segmentFd, p, (nuint)batch.Length, offset);
        }

        var receipt = new AppendReceipt { Offset = offset };
        receipt.Written = written;
        return receipt.Written;
    }
}
