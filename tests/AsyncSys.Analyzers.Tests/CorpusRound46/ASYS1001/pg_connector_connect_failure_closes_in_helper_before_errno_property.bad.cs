// A Postgres driver's blocking connector closes the socket through a helper (close(2), which sets errno) after connect(2) failed, and only then reads errno through its Errno.Last property.
using System.Runtime.InteropServices;

namespace Corpus46.PgConnectorBad;

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
                CloseQuietly(fd);
                return -/*~ASYS1001*/Errno.Last;
            }
        }

        return fd;
    }
}
