// A PostgreSQL-style client opens a TCP socket and connects it synchronously while the pool warms up. When connect fails
// it closes the socket first and only then builds the exception from errno: close (SetLastError) has replaced the saved
// error with its own (0 on success), so the pool logs "connect failed: Success" and never sees the ECONNREFUSED that
// should make it back off.
using System.Runtime.InteropServices;
using AsyncSys;

namespace Round38.Errno.PgConnectAfterClose;

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
            Native.Close(fd);
            throw new ErrnoException(/*~ASYS1001*/Marshal.GetLastPInvokeError(), "connect");
        }

        return fd;
    }
}
