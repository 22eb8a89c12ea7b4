// The offloaded truncate takes the watermark as a parameter; the caller reads its [ThreadStatic] field on its own
// thread and passes the value in.
using System.Runtime.InteropServices;
using System.Threading.Tasks;
using AsyncSys;

namespace Round35.ThreadState.SpillTruncateParameter;

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
    public static int TrimTo(int segmentFd, long watermark) => Native.Ftruncate(segmentFd, watermark);

    public static async Task CompactAsync(int segmentFd)
    {
        long watermark = t_ackedWatermark;
        await TrimToAsync(segmentFd, watermark);
    }
}
