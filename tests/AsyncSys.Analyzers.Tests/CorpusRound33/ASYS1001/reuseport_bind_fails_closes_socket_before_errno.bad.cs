// A per-core UDP game listener opens a SO_REUSEPORT socket and binds it; when bind fails it closes the socket first
// (so the descriptor does not leak) and only then reads errno to tell EADDRINUSE (another process owns the port without
// SO_REUSEPORT: stop the server) from a transient error. close is a SetLastError P/Invoke: its success saves 0, so the
// server never sees EADDRINUSE and retries forever on a port it can never bind.
using System;
using System.Runtime.InteropServices;
using AsyncSys;

namespace Round33.Errno.ReuseportBindClosesFirst;

internal static unsafe partial class Native
{
    internal const int AF_INET = 2, SOCK_DGRAM = 2, SOL_SOCKET = 1, SO_REUSEPORT = 15, EADDRINUSE = 98;

    [LibraryImport("libc", EntryPoint = "socket", SetLastError = true)]
    internal static partial int Socket(int domain, int type, int protocol);

    [LibraryImport("libc", EntryPoint = "setsockopt", SetLastError = true)]
    internal static partial int SetSockOpt(int fd, int level, int name, int* value, uint length);

    [LibraryImport("libc", EntryPoint = "bind", SetLastError = true)]
    internal static partial int Bind(int fd, byte* address, uint length);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    internal static partial int Close(int fd);
}

public sealed class PortTakenException(ushort port) : Exception("UDP port " + port + " is owned by another process");

public static unsafe class ReusePortListener
{
    public static int Open(ushort port)
    {
        int fd = Native.Socket(Native.AF_INET, Native.SOCK_DGRAM, 0);
        if (fd < 0)
        {
            throw new ErrnoException(Marshal.GetLastPInvokeError(), "socket");
        }

        int one = 1;
        if (Native.SetSockOpt(fd, Native.SOL_SOCKET, Native.SO_REUSEPORT, &one, sizeof(int)) < 0)
        {
            int error = Marshal.GetLastPInvokeError();
            Native.Close(fd);
            throw new ErrnoException(error, "setsockopt(SO_REUSEPORT)");
        }

        byte* sin = stackalloc byte[16];
        new Span<byte>(sin, 16).Clear();
        sin[0] = Native.AF_INET;
        sin[2] = (byte)(port >> 8);
        sin[3] = (byte)port;
        if (Native.Bind(fd, sin, 16) < 0)
        {
            Native.Close(fd);
            int error = /*~ASYS1001*/Marshal.GetLastPInvokeError();
            if (error == Native.EADDRINUSE)
            {
                throw new PortTakenException(port);
            }

            throw new ErrnoException(error, "bind");
        }

        return fd;
    }
}
