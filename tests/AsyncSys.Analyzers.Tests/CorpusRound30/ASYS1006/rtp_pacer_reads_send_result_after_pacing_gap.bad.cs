// An RTP pacer starts a packet's send, waits out the pacing gap if the send has not completed yet, and then reads the
// send's Result, assuming the gap is always long enough. A congested socket (or a slow ring) makes the send outlast the
// gap: Result on a ValueTask that has not completed is not a wait, it throws or reads a recycled source, and the pacer
// dies or counts another send's bytes.
using System;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round30.ValueTasks.RtpResultAfterGap;

public sealed class RtpPacer(IoRing ring, int socketFd)
{
    public long BytesSent { get; private set; }

    public async Task SendPacedAsync(ReadOnlyMemory<byte> packet, TimeSpan gap, CancellationToken ct)
    {
        ValueTask<int> send = ring.SendAsync(socketFd, packet, MessageFlags.None, ct);
        if (!send.IsCompleted)
        {
            await ring.DelayAsync(gap, ct);
        }

        BytesSent += /*~ASYS1006*/send.Result;
    }
}
