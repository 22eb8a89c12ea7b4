// A thin RPC transport returns the ring's send ValueTask to its caller, who awaits it once: handing it on is not
// dropping it.
using System;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round19.ValueTasks.TransportReturnsSend;

public sealed class FrameTransport(IoRing ring, int socketFd)
{
    public ValueTask<int> SendFrameAsync(ReadOnlyMemory<byte> frame, CancellationToken ct) =>
        ring.SendAsync(socketFd, frame, MessageFlags.NoSignal, ct);

    public async Task<int> SendAllAsync(ReadOnlyMemory<byte> frame, CancellationToken ct)
    {
        int sent = 0;
        while (sent < frame.Length)
        {
            sent += await SendFrameAsync(frame[sent..], ct);
        }

        return sent;
    }
}
