// A thumbnail cache opens the cache directory's index with File.OpenHandle and resizes it with ftruncate inside a
// using block; errno is read after the block. The SafeFileHandle's Dispose closes the fd (close(2), SetLastError) at
// the block's end, so the error reported for a full disk is close's saved value.
using System.IO;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Round32.Errno.ThumbnailIndexAfterDispose;

internal static class Native
{
    [DllImport("libc", EntryPoint = "ftruncate", SetLastError = true)]
    internal static extern int Ftruncate(SafeFileHandle fd, long length);
}

public static class ThumbnailIndex
{
    public static int Grow(string indexPath, long newLength)
    {
        int rc;
        using (SafeFileHandle handle = File.OpenHandle(indexPath, FileMode.OpenOrCreate, FileAccess.ReadWrite))
        {
            rc = Native.Ftruncate(handle, newLength);
        }

        if (rc < 0)
        {
            return -/*~ASYS1001*/Marshal.GetLastPInvokeError();
        }

        return 0;
    }
}
