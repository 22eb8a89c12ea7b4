// A framing helper is an extension method on IoRing, declared in a file-local static class: it starts the send over the caller's array and returns the ValueTask unawaited. The caller starts the send of one frame, stamps the next frame's sequence number into the same array and then awaits: the frame on the wire may carry the new number or a torn mix of both.
using System;
using System.Buffers.Binary;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus61.RingExtensionFrameBad;

file static class RingFraming
{
    public static ValueTask<int> SendFrameAsync(this IoRing ring, int fd, byte[] frame, int length, CancellationToken ct) =>
        ring.SendAsync(fd, frame.AsMemory(0, length), 0, ct);
}

internal sealed class HeartbeatSender(IoRing ring, int fd)
{
    private readonly byte[] _frame = new byte[16];

    public async Task SendTwoAsync(uint sequence, CancellationToken ct)
    {
        BinaryPrimitives.WriteUInt32BigEndian(_frame, sequence);
        ValueTask<int> send = ring.SendFrameAsync(fd, _frame, 16, ct);
        /*~ASYS1005*/BinaryPrimitives.WriteUInt32BigEndian(_frame, sequence + 1);
        await send.ConfigureAwait(false);
        await ring.SendFrameAsync(fd, _frame, 16, ct).ConfigureAwait(false);
    }
}
