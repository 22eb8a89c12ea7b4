// A copy tool tries a FICLONE reflink first and falls back to a byte copy when the filesystem refuses it; it logs the
// refused clone to stderr before reading errno, and that console write (a write(2) declared with SetLastError) replaces
// the saved error, so EOPNOTSUPP/EXDEV is not recognized and every fallback is reported as a hard failure.
using System;
using System.Runtime.InteropServices;

namespace Round27.Errno.FicloneFallbackLogsFirst;

internal static class Native
{
    internal const ulong FICLONE = 0x40049409;
    internal const int EXDEV = 18;
    internal const int EINVAL = 22;
    internal const int EOPNOTSUPP = 95;

    [DllImport("libc", EntryPoint = "ioctl", SetLastError = true)]
    internal static extern int IoctlClone(int destFd, ulong request, int srcFd);
}

public static class ReflinkCopier
{
    /// <summary>True when the destination now shares the source's extents; false when a byte copy is needed.</summary>
    public static bool TryClone(int srcFd, int dstFd, string path)
    {
        int rc = Native.IoctlClone(dstFd, Native.FICLONE, srcFd);
        if (rc == 0)
        {
            return true;
        }

        Console.Error.WriteLine($"reflink of {path} refused, copying bytes");
        int errno = /*~ASYS1001*/Marshal.GetLastPInvokeError();
        if (errno is Native.EOPNOTSUPP or Native.EXDEV or Native.EINVAL)
        {
            return false;
        }

        throw new InvalidOperationException($"FICLONE {path}: errno {errno}");
    }
}
