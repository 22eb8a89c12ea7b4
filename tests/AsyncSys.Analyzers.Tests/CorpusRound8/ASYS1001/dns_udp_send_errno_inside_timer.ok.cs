using System;
using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Round8.Errno.DnsUdpSendOk;

/// <summary>Times each UDP send of a DNS query.</summary>
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
        long result;
        using (new SendTimer(recordLatency))
        {
            nint sent = sendto(socketFd, query, length, 0, serverAddress, serverAddress.Length);
            result = sent >= 0 ? sent : -Marshal.GetLastPInvokeError();   // taken before the timer stops
        }

        return result;
    }
}
