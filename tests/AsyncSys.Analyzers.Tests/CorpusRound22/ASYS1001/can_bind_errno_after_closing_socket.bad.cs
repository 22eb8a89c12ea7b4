// A CAN gateway opens a raw SocketCAN socket and binds it to can0. When bind fails (interface down: ENETDOWN, or no
// such device: ENODEV) it closes the socket first, then builds the exception from errno. close is a P/Invoke with
// SetLastError and succeeds: the exception says "Success" and the supervisor's restart policy, keyed on the errno,
// never sees ENETDOWN.
using System.Runtime.InteropServices;
using AsyncSys;

namespace Round22.Errno.CanBindCloseFirst;

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

    [DllImport("libc", EntryPoint = "if_nametoindex", SetLastError = true)]
    public static extern uint if_nametoindex(string name);
}

public static class CanSocketFactory
{
    public static int OpenRaw(string interfaceName)
    {
        int fd = Native.socket(Native.AF_CAN, Native.SOCK_RAW, Native.CAN_RAW);
        if (fd < 0)
        {
            throw new ErrnoException(Marshal.GetLastPInvokeError(), "socket");
        }

        var address = new SockAddrCan { Family = Native.AF_CAN, InterfaceIndex = (int)Native.if_nametoindex(interfaceName) };
        if (Native.bind(fd, ref address, Marshal.SizeOf<SockAddrCan>()) < 0)
        {
            Native.close(fd);
            throw new ErrnoException(/*~ASYS1001*/Marshal.GetLastPInvokeError(), "bind " + interfaceName);
        }

        return fd;
    }
}
