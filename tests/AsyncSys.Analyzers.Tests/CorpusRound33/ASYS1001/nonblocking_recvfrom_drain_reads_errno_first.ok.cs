// A tick thread drains its non-blocking UDP socket with recvfrom until EAGAIN, reading errno right after each failed
// call before anything else runs (the log line and the exception come after), so "nothing more this tick" and a real
// error are told apart correctly.
using System;
using System.IO;
using System.Runtime.InteropServices;
using AsyncSys;

namespace Round33.Errno.RecvfromDrain;

internal static class Native
{
    internal const int MSG_DONTWAIT = 64, EAGAIN = 11, EINTR = 4;

    [DllImport("libc", EntryPoint = "recvfrom", SetLastError = true)]
    internal static extern nint RecvFrom(int fd, byte[] buffer, nint length, int flags, byte[] address, ref uint addressLength);
}

public delegate void DatagramHandler(ReadOnlySpan<byte> datagram, ReadOnlySpan<byte> source);

public sealed class TickDrain(int fd, TextWriter log)
{
    private readonly byte[] _datagram = new byte[1500];
    private readonly byte[] _source = new byte[28];

    public int DrainOnce(DatagramHandler onDatagram)
    {
        int received = 0;
        while (true)
        {
            uint sourceLength = (uint)_source.Length;
            nint n = Native.RecvFrom(fd, _datagram, _datagram.Length, Native.MSG_DONTWAIT, _source, ref sourceLength);
            if (n < 0)
            {
                int errno = Marshal.GetLastPInvokeError();
                if (errno == Native.EAGAIN)
                {
                    return received;
                }

                if (errno == Native.EINTR)
                {
                    continue;
                }

                log.WriteLine("recvfrom failed: errno " + errno);
                throw new ErrnoException(errno, "recvfrom");
            }

            onDatagram(_datagram.AsSpan(0, (int)n), _source.AsSpan(0, (int)sourceLength));
            received++;
        }
    }
}
