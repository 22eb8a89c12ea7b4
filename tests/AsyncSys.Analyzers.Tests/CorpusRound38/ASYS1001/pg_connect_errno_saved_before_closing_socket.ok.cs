// A PostgreSQL-style client opens a TCP socket and connects it synchronously while the pool warms up. When connect fails
// it keeps errno in a local right after the call, then closes the socket and throws with the saved value: the pool sees
// ECONNREFUSED and backs off.
using System.Runtime.InteropServices;
using AsyncSys;

namespace Round38.Errno.PgConnectSavedBeforeClose;

internal static class Native
{
    [DllImport("libc", EntryPoint = "socket", SetLastError = true)]
    internal static extern int Socket(int domain, int type, int protocol);

    [DllImport("libc", EntryPoint = "connect", SetLastError = true)]
    internal static extern int Connect(int fd, byte[] address, int addressLength);

    [DllImport("libc", EntryPoint = "close", SetLastError = true)]
    internal static extern int Close(int fd);
}

public sealed class PgSocketFactory
{
    private const int AfInet = 2;
    private const int SockStream = 1;

    public int Open(byte[] sockaddr)
    {
        int fd = Native.Socket(AfInet, SockStream, 0);
        if (fd < 0)
        {
            throw new ErrnoException(Marshal.GetLastPInvokeError(), "socket");
        }

        if (Native.Connect(fd, sockaddr, sockaddr.Length) < 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            Native.Close(fd);
            throw new ErrnoException(errno, "connect");
        }

        return fd;
    }
}
