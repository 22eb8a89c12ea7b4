// A syslog forwarder sends each line to /dev/log over a datagram socket it opens per burst, in a using block, and reads
// errno after the block to tell "syslogd is restarting" (ECONNREFUSED: keep the line and retry) from "line too long"
// (EMSGSIZE: truncate). The using block's Dispose closes the socket first, a close(2) that may set errno, so a
// restarting syslogd looks like an oversize line and lines are truncated (or dropped) for nothing.
using System;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using AsyncSys;

namespace Round18.Errno.SyslogSendtoAfterUsing;

internal static partial class Native
{
    internal const int ECONNREFUSED = 111, EMSGSIZE = 90;

    [LibraryImport("libc", EntryPoint = "sendto", SetLastError = true)]
    internal static partial nint SendTo(SafeHandle socket, byte[] buffer, nuint length, int flags, byte[] address, int addressLength);
}

public sealed class SyslogForwarder(byte[] devLogAddress)
{
    public bool Forward(byte[] line, int length)
    {
        nint sent;
        using (var socket = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified))
        {
            sent = Native.SendTo(socket.SafeHandle, line, (nuint)length, 0, devLogAddress, devLogAddress.Length);
        }

        if (sent >= 0)
        {
            return true;
        }

        int errno = /*~ASYS1001*/Marshal.GetLastPInvokeError();
        if (errno == Native.ECONNREFUSED)
        {
            return false;
        }

        if (errno == Native.EMSGSIZE)
        {
            Array.Resize(ref line, 1024);
            return false;
        }

        throw new ErrnoException(errno, "sendto");
    }
}
