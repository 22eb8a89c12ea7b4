// The thumbnail strip made right: each worker bumps the counter with Interlocked.Increment, and the progress bar reads
// it with Volatile.Read.
using System.Runtime.InteropServices;
using System.Threading;
using AsyncSys;

namespace Round32.Shared.ThumbnailDoneInterlocked;

internal static class Native
{
    [DllImport("libc", EntryPoint = "posix_fadvise")]
    internal static extern int Fadvise(int fd, long offset, long length, int advice);
}

public sealed partial class ThumbnailStrip
{
    private int _done;

    public int Done => Volatile.Read(ref _done);

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.ReturnsErrorNumber)]
    public int Prefetch(int imageFd, long length)
    {
        int rc = Native.Fadvise(imageFd, 0, length, 3);
        Interlocked.Increment(ref _done);
        return rc;
    }
}
