// openat's errno is switched on before the directory descriptor is closed.
using System.Runtime.InteropServices;
using AsyncSys;

namespace Round2;

internal static partial class Native
{
    [LibraryImport("libc", EntryPoint = "openat", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    internal static partial int OpenAt(int dirFd, string path, int flags);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    internal static partial int Close(int fd);
}

internal static class Lookup
{
    public static int? OpenChild(int dirFd, string name)
    {
        int fd = Native.OpenAt(dirFd, name, 0);
        if (fd >= 0)
        {
            Native.Close(dirFd);
            return fd;
        }

        int errno = Marshal.GetLastPInvokeError();
        Native.Close(dirFd);
        switch (errno)
        {
            case Errno.ENOENT:
            case Errno.ENOTDIR:
                return null;
            default:
                throw new ErrnoException(errno, "openat", name);
        }
    }
}
