// The spill queue's compaction thread records the acknowledged watermark in a [ThreadStatic] field and an offloaded
// wrapper truncates the segment to it. Offloaded, the wrapper runs on an AsyncSys worker whose field is 0 (or another
// queue's): the segment is truncated to nothing and unacknowledged records are lost.
using System.Runtime.InteropServices;
using AsyncSys;

namespace Round35.ThreadState.SpillTruncateThreadStatic;

internal static class Native
{
    [DllImport("libc", EntryPoint = "ftruncate", SetLastError = true)]
    internal static extern int Ftruncate(int fd, long length);
}

public static partial class SpillCompaction
{
    [System.ThreadStatic]
    internal static long t_ackedWatermark;

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public static int TrimToWatermark(int segmentFd) => Native.Ftruncate(segmentFd, /*~ASYS1002*/t_ackedWatermark);
}
