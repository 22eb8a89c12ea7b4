// A Postgres driver's blocking connector reads errno through its Errno.Last property right after connect(2) failed, then closes the socket through a helper.
using System.Runtime.InteropServices;

namespace Corpus46.PgConnectorOk;

internal static unsafe partial class Native
{
    [LibraryImport("libc", EntryPoint = "connect", SetLastError = true)]
    internal static partial int Connect(int fd, byte* address, int length);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    internal static partial int Close(int fd);
}

internal static class Errno
{
    public static int Last => Marshal.GetLastPInvokeError();
}

internal sealed unsafe class PgConnector
{
    private static void CloseQuietly(int fd)
    {
        if (fd >= 0)
        {
            _ = Native.Close(fd);
        }
    }

    public int Connect(int fd, byte[] address)
    {
        fixed (byte* sockaddr = address)
        {
            if (Native.Connect(fd, sockaddr, address.Length) < 0)
            {
                int errno = Errno.Last;
                CloseQuietly(fd);
                return -errno;
            }
        }

        return fd;
    }
}
