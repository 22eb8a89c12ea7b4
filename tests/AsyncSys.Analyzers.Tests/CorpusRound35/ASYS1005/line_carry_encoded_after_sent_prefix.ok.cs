// The shipper sends the first n bytes of a pooled buffer (the complete lines) and, while that send runs, copies the
// carried partial line into the buffer from n on: the two ranges do not overlap.
using System;
using System.Buffers;
using System.Threading.Tasks;
using AsyncSys;

namespace Round35.InFlight.LineCarryAfterPrefix;

public sealed class LineShipper(IoRing ring, int socketFd)
{
    public async Task<int> ShipAsync(byte[] pooled, int complete, ReadOnlyMemory<byte> carry)
    {
        int n = complete;
        ValueTask<int> send = ring.SendAsync(socketFd, pooled.AsMemory(0, n));
        carry.Span.CopyTo(pooled.AsSpan(n));
        int sent = await send;
        return sent;
    }
}
