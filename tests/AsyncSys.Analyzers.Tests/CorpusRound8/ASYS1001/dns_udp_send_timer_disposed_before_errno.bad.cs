using System;
using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Round8.Errno.DnsUdpSend;

/// <summary>Times each UDP send of a DNS query; the timing scope ends before the failure is examined.</summary>
internal sealed class SendTimer : IDisposable
{
    private readonly long _start = Stopwatch.GetTimestamp();
    private readonly Action<TimeSpan> _record;

    public SendTimer(Action<TimeSpan> record) => _record = record;

    public void Dispose() => _record(Stopwatch.GetElapsedTime(_start));
}

internal sealed class DnsUdpClient(int socketFd, byte[] serverAddress, Action<TimeSpan> recordLatency)
{
    [DllImport("libc", SetLastError = true)]
    private static extern nint sendto(int fd, byte[] buffer, nint length, int flags, byte[] address, int addressLength);

    /// <summary>Sends one query; returns the bytes sent or -errno.</summary>
    public long SendQuery(byte[] query, int length)
    {
        nint sent;
        using (new SendTimer(recordLatency))
        {
            sent = sendto(socketFd, query, length, 0, serverAddress, serverAddress.Length);
        }

        // The timer's Dispose (a delegate, a clock read) ran between sendto and this read.
        return sent >= 0 ? sent : -/*~ASYS1001*/Marshal.GetLastPInvokeError();
    }
}
