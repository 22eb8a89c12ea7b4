// After a WebSocket upgrade the server turns on TCP_NODELAY and keepalive; each setsockopt failure is thrown with
// errno read at once through a small helper property, before anything else runs.
using System.Runtime.InteropServices;
using AsyncSys;

namespace Round19.Errno.WebSocketSockopts;

internal static class Native
{
    [DllImport("libc", EntryPoint = "setsockopt", SetLastError = true)]
    internal static extern int SetSockOpt(int fd, int level, int name, ref int value, int valueLength);
}

public static class UpgradedSocket
{
    private const int IPPROTO_TCP = 6, TCP_NODELAY = 1, SOL_SOCKET = 1, SO_KEEPALIVE = 9;

    private static int LastErrno => Marshal.GetLastPInvokeError();

    public static void Tune(int fd)
    {
        int one = 1;
        if (Native.SetSockOpt(fd, IPPROTO_TCP, TCP_NODELAY, ref one, sizeof(int)) < 0)
        {
            throw new ErrnoException(LastErrno, "setsockopt", "TCP_NODELAY");
        }

        if (Native.SetSockOpt(fd, SOL_SOCKET, SO_KEEPALIVE, ref one, sizeof(int)) < 0)
        {
            throw new ErrnoException(LastErrno, "setsockopt", "SO_KEEPALIVE");
        }
    }
}
