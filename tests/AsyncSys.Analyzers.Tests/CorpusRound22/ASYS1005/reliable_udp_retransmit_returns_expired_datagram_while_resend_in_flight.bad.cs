// A reliable-UDP layer walks its unacked datagrams each tick and resends them. When a datagram has passed its
// deadline it is dropped from the queue and its pooled buffer returned, right after the resend of that same datagram
// was started: the pool hands the array to the next outgoing packet while the kernel still copies the resend from it.
using System;
using System.Buffers;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round22.InFlight.RetransmitReturnsExpiredWhileResending;

public sealed record Unacked(ushort Sequence, byte[] Datagram, int Length, long Deadline);

public sealed class RetransmitQueue(IoRing ring, int socketFd)
{
    private readonly Dictionary<ushort, Unacked> _unacked = new();

    public async Task ResendDueAsync(long now, CancellationToken ct)
    {
        var due = new List<Unacked>(_unacked.Values);
        foreach (Unacked entry in due)
        {
            ValueTask<int> resend = ring.SendAsync(socketFd, entry.Datagram.AsMemory(0, entry.Length), MessageFlags.None, ct);
            if (entry.Deadline < now)
            {
                _unacked.Remove(entry.Sequence);
                /*~ASYS1005*/ArrayPool<byte>.Shared.Return(entry.Datagram);
            }

            await resend;
        }
    }
}
