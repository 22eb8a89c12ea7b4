// A partition closes its memory-mapped offset index: msync to flush the entries, munmap, then a check of msync's result.
// munmap (SetLastError) ran after the failed msync and succeeded, so the saved error is 0: the broker reports
// "msync failed: Success" and never learns that the index entries were lost (EIO), so a restart trusts a stale index.
using System.Runtime.InteropServices;
using AsyncSys;

namespace Round39.Errno.OffsetIndexMsyncAfterMunmap;

internal static unsafe class Native
{
    [DllImport("libc", EntryPoint = "msync", SetLastError = true)]
    internal static extern int Msync(void* address, nuint length, int flags);

    [DllImport("libc", EntryPoint = "munmap", SetLastError = true)]
    internal static extern int Munmap(void* address, nuint length);
}

public sealed unsafe class OffsetIndexCloser
{
    private const int MsSync = 4;

    public void Close(void* mapped, nuint length, string indexPath)
    {
        int rc = Native.Msync(mapped, length, MsSync);
        Native.Munmap(mapped, length);
        if (rc != 0)
        {
            throw new ErrnoException(/*~ASYS1001*/Marshal.GetLastPInvokeError(), "msync", indexPath);
        }
    }
}
