// An RTP sender pushes packets with sendto; when the receiver goes away (ECONNREFUSED from an ICMP port-unreachable) it
// closes the socket and throws with errno read through a small helper property. close succeeds, and a P/Invoke with
// SetLastError saves errno 0 for it, so the exception reports errno 0 ("Success") and the operator cannot tell a dead
// receiver from a permission or routing problem.
using System.Runtime.InteropServices;
using AsyncSys;

namespace Round30.Errno.RtpSendtoAfterClose;

internal static class Native
{
    [DllImport("libc", EntryPoint = "sendto", SetLastError = true)]
    internal static extern nint SendTo(int fd, byte[] buffer, nint length, int flags, byte[] address, int addressLength);

    [DllImport("libc", EntryPoint = "close", SetLastError = true)]
    internal static extern int Close(int fd);

    internal static int Errno => Marshal.GetLastPInvokeError();
}

public sealed class RtpSender(int socketFd, byte[] peerAddress)
{
    private int _socket = socketFd;

    public void SendPacket(byte[] packet, int length)
    {
        if (Native.SendTo(_socket, packet, length, 0, peerAddress, peerAddress.Length) < 0)
        {
            Native.Close(_socket);
            _socket = -1;
            throw new ErrnoException(/*~ASYS1001*/Native.Errno, "sendto");
        }
    }
}
