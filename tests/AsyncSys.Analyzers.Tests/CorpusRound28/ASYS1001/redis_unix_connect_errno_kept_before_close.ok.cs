// The Unix-socket dialer made right: the connect's errno is read in the failure branch before the socket is closed,
// so close(2) cannot replace it, and the outcome is decided from the saved value afterwards.
using System;
using System.Runtime.InteropServices;
using System.Text;

namespace Round28.Errno.RedisUnixConnectErrnoKept;

internal static class Native
{
    internal const int AF_UNIX = 1, SOCK_STREAM = 1, SOCK_CLOEXEC = 0x80000, ENOENT = 2, ECONNREFUSED = 111;

    [DllImport("libc", EntryPoint = "socket", SetLastError = true)]
    internal static extern int Socket(int domain, int type, int protocol);

    [DllImport("libc", EntryPoint = "connect", SetLastError = true)]
    internal static extern int Connect(int fd, byte[] address, int length);

    [DllImport("libc", EntryPoint = "close", SetLastError = true)]
    internal static extern int Close(int fd);
}

public enum ConnectOutcome { Connected, NotListeningYet, Refused }

public static class UnixSocketDialer
{
    public static ConnectOutcome TryConnect(string socketPath, out int fd)
    {
        byte[] address = new byte[110];
        BitConverter.TryWriteBytes(address.AsSpan(0, 2), (ushort)Native.AF_UNIX);
        int length = 2 + Encoding.UTF8.GetBytes(socketPath, address.AsSpan(2));

        fd = Native.Socket(Native.AF_UNIX, Native.SOCK_STREAM | Native.SOCK_CLOEXEC, 0);
        if (fd < 0)
        {
            throw new InvalidOperationException("socket() failed: " + Marshal.GetLastPInvokeError());
        }

        if (Native.Connect(fd, address, length) == 0)
        {
            return ConnectOutcome.Connected;
        }

        int errno = Marshal.GetLastPInvokeError();
        Native.Close(fd);
        fd = -1;
        return errno == Native.ENOENT ? ConnectOutcome.NotListeningYet : ConnectOutcome.Refused;
    }
}
