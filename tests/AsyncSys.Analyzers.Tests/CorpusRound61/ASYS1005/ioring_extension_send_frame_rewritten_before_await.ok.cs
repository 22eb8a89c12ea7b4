// The heartbeat sender awaits the extension method's send before it stamps the next sequence number into the frame array.
using System;
using System.Buffers.Binary;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus61.RingExtensionFrameOk;

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
        await send.ConfigureAwait(false);
        BinaryPrimitives.WriteUInt32BigEndian(_frame, sequence + 1);
        await ring.SendFrameAsync(fd, _frame, 16, ct).ConfigureAwait(false);
    }
}
