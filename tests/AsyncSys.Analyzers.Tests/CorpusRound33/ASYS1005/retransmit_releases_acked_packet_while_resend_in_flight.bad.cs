// A reliable-UDP retransmission timer resends an unacked packet from its pooled buffer; if the ack arrived while the
// resend was being started it drops the entry and returns the buffer to the pool right away, then awaits the resend.
// The send is still reading the array when the pool hands it to the next outgoing packet, so the peer receives a
// packet with a valid old header and another packet's payload.
using System;
using System.Buffers;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round33.InFlight.RetransmitReleaseEarly;

public sealed record PendingPacket(ushort Sequence, byte[] Buffer, int Length);

public sealed class RetransmitQueue(IoRing ring, int fd)
{
    private readonly ConcurrentDictionary<ushort, PendingPacket> _unacked = new();
    private readonly ConcurrentDictionary<ushort, bool> _acked = new();

    public void Track(PendingPacket packet) => _unacked[packet.Sequence] = packet;

    public void OnAck(ushort sequence) => _acked[sequence] = true;

    public async Task ResendAsync(PendingPacket entry, CancellationToken ct)
    {
        ValueTask<int> resend = ring.SendAsync(fd, entry.Buffer.AsMemory(0, entry.Length), MessageFlags.None, ct);
        if (_acked.TryRemove(entry.Sequence, out _))
        {
            _unacked.TryRemove(entry.Sequence, out _);
            /*~ASYS1005*/ArrayPool<byte>.Shared.Return(entry.Buffer);
        }

        await resend;
    }
}
