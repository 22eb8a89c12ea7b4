using System;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round8.Buffers.RelayOneBuffer;

/// <summary>A plain TCP relay (no TLS) copies one direction of a connection, overlapping the send with the next receive.</summary>
internal sealed class Relay(IoRing ring, int fromFd, int toFd)
{
    private readonly byte[] _buffer = new byte[16 * 1024];

    public async Task<long> PumpAsync(CancellationToken cancellationToken)
    {
        long relayed = 0;
        int n = await ring.ReceiveAsync(fromFd, _buffer, MessageFlags.None, cancellationToken);
        while (n > 0)
        {
            ValueTask<int> send = ring.SendAsync(toFd, _buffer.AsMemory(0, n), MessageFlags.None, cancellationToken);
            // The next receive lands in the bytes the send is still reading: the peer gets a mix of both.
            int next = await /*~ASYS1005*/ring.ReceiveAsync(fromFd, _buffer, MessageFlags.None, cancellationToken);
            relayed += await send;
            n = next;
        }

        return relayed;
    }
}
