// The CAN gateway's bind failure path, made right: errno is saved right after the failed bind, before the socket is
// closed, so the exception carries ENETDOWN/ENODEV.
using System.Runtime.InteropServices;
using AsyncSys;

namespace Round22.Errno.CanBindSaveFirst;

[StructLayout(LayoutKind.Sequential)]
internal struct SockAddrCan
{
    public ushort Family;
    public int InterfaceIndex;
    public ulong Addressing;
}

internal static class Native
{
    public const int AF_CAN = 29, SOCK_RAW = 3, CAN_RAW = 1;

    [DllImport("libc", EntryPoint = "socket", SetLastError = true)]
    public static extern int socket(int domain, int type, int protocol);

    [DllImport("libc", EntryPoint = "bind", SetLastError = true)]
    public static extern int bind(int fd, ref SockAddrCan address, int length);

    [DllImport("libc", EntryPoint = "close", SetLastError = true)]
    public static extern int close(int fd);
}

public static class CanSocketFactory
{
    public static int OpenRaw(int interfaceIndex)
    {
        int fd = Native.socket(Native.AF_CAN, Native.SOCK_RAW, Native.CAN_RAW);
        if (fd < 0)
        {
            throw new ErrnoException(Marshal.GetLastPInvokeError(), "socket");
        }

        var address = new SockAddrCan { Family = Native.AF_CAN, InterfaceIndex = interfaceIndex };
        if (Native.bind(fd, ref address, Marshal.SizeOf<SockAddrCan>()) < 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            Native.close(fd);
            throw new ErrnoException(errno, "bind");
        }

        return fd;
    }
}
