// The RTP pacer made right: after the pacing gap it takes the send's Result only when the send completed successfully,
// and awaits it otherwise; either way the ValueTask is consumed exactly once.
using System;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round30.ValueTasks.RtpResultChecked;

public sealed class RtpPacer(IoRing ring, int socketFd)
{
    public long BytesSent { get; private set; }

    public async Task SendPacedAsync(ReadOnlyMemory<byte> packet, TimeSpan gap, CancellationToken ct)
    {
        ValueTask<int> send = ring.SendAsync(socketFd, packet, MessageFlags.None, ct);
        await ring.DelayAsync(gap, ct);
        BytesSent += send.IsCompletedSuccessfully ? send.Result : await send;
    }
}
