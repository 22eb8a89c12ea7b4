// The same close of the offset index, with msync's errno kept right after the call: munmap may change errno afterwards,
// the exception still carries msync's own error.
using System.Runtime.InteropServices;
using AsyncSys;

namespace Round39.Errno.OffsetIndexMsyncSavedFirst;

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
        int errno = Marshal.GetLastPInvokeError();
        Native.Munmap(mapped, length);
        if (rc != 0)
        {
            throw new ErrnoException(errno, "msync", indexPath);
        }
    }
}
