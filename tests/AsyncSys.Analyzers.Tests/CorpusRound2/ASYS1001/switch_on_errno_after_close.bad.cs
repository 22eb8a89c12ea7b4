// openat fails, the directory descriptor is closed, then a switch on errno decides: errno is close's.
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
        Native.Close(dirFd);
        if (fd >= 0)
        {
            return fd;
        }

        switch (/*~ASYS1001*/Marshal.GetLastPInvokeError())
        {
            case Errno.ENOENT:
            case Errno.ENOTDIR:
                return null;
            default:
                throw new ErrnoException(Errno.EIO, "openat", name);
        }
    }
}
