// A thumbnail strip renders many images at once; each one's blocking read-and-scale wrapper runs on an AsyncSys
// worker and bumps the strip's "done" counter for the progress bar. Several workers increment the field at once and
// lose updates: the progress bar stops at 97% with every thumbnail shown.
using System.Runtime.InteropServices;
using AsyncSys;

namespace Round32.Shared.ThumbnailDoneCounter;

internal static class Native
{
    [DllImport("libc", EntryPoint = "posix_fadvise")]
    internal static extern int Fadvise(int fd, long offset, long length, int advice);
}

public sealed partial class ThumbnailStrip
{
    private int _done;

    public int Done => _done;

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.ReturnsErrorNumber)]
    public int Prefetch(int imageFd, long length)
    {
        int rc = Native.Fadvise(imageFd, 0, length, 3);
        /*~ASYS1003*/_done++;
        return rc;
    }
}
