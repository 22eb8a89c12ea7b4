// A dual-stack game server makes its IPv4 and IPv6 datagram sockets in one tuple and then checks them in turn. When
// the IPv4 socket fails (EMFILE under a connection storm), errno describes the IPv6 socket() that ran after it, which
// succeeded and saved 0: the server reports "error 0" and an operator cannot tell the descriptor limit was hit.
using System.Runtime.InteropServices;
using AsyncSys;

namespace Round33.Errno.DualStackPair;

internal static partial class Native
{
    internal const int AF_INET = 2, AF_INET6 = 10, SOCK_DGRAM = 2, SOCK_NONBLOCK = 2048;

    [LibraryImport("libc", EntryPoint = "socket", SetLastError = true)]
    internal static partial int Socket(int domain, int type, int protocol);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    internal static partial int Close(int fd);
}

public readonly record struct DualStackSockets(int V4, int V6);

public static class DualStack
{
    public static DualStackSockets Open()
    {
        var fds = (V4: Native.Socket(Native.AF_INET, Native.SOCK_DGRAM | Native.SOCK_NONBLOCK, 0),
                   V6: Native.Socket(Native.AF_INET6, Native.SOCK_DGRAM | Native.SOCK_NONBLOCK, 0));
        if (fds.V4 < 0)
        {
            int error = /*~ASYS1001*/Marshal.GetLastPInvokeError();
            if (fds.V6 >= 0)
            {
                Native.Close(fds.V6);
            }

            throw new ErrnoException(error, "socket(AF_INET)");
        }

        if (fds.V6 < 0)
        {
            int error = Marshal.GetLastPInvokeError();
            Native.Close(fds.V4);
            throw new ErrnoException(error, "socket(AF_INET6)");
        }

        return new DualStackSockets(fds.V4, fds.V6);
    }
}
