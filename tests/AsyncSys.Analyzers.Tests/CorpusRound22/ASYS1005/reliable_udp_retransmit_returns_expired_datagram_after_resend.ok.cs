// The retransmit walk, made right: the last resend of an expired datagram is awaited before its buffer goes back to
// the pool. The next entry's buffer is touched before its own resend starts, which is not the one in flight.
using System;
using System.Buffers;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round22.InFlight.RetransmitReturnsExpiredAfterResend;

public sealed record Unacked(ushort Sequence, byte[] Datagram, int Length, long Deadline);

public sealed class RetransmitQueue(IoRing ring, int socketFd)
{
    private readonly Dictionary<ushort, Unacked> _unacked = new();
    private ushort _ackBits;

    public async Task ResendDueAsync(long now, CancellationToken ct)
    {
        var due = new List<Unacked>(_unacked.Values);
        foreach (Unacked entry in due)
        {
            BinaryPrimitives.WriteUInt16BigEndian(entry.Datagram.AsSpan(2, 2), _ackBits);
            ValueTask<int> resend = ring.SendAsync(socketFd, entry.Datagram.AsMemory(0, entry.Length), MessageFlags.None, ct);
            await resend;
            if (entry.Deadline < now)
            {
                _unacked.Remove(entry.Sequence);
                ArrayPool<byte>.Shared.Return(entry.Datagram);
            }
        }
    }

    public void Acknowledge(ushort bits) => _ackBits = bits;
}
