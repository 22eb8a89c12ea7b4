using System;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round8.Buffers.RelayTwoBuffersOk;

/// <summary>A plain TCP relay (no TLS) overlaps the send with the next receive, into a second buffer.</summary>
internal sealed class Relay(IoRing ring, int fromFd, int toFd)
{
    private readonly byte[] _sending = new byte[16 * 1024];
    private readonly byte[] _receiving = new byte[16 * 1024];

    public async Task<long> PumpAsync(CancellationToken cancellationToken)
    {
        long relayed = 0;
        int n = await ring.ReceiveAsync(fromFd, _sending, MessageFlags.None, cancellationToken);
        while (n > 0)
        {
            ValueTask<int> send = ring.SendAsync(toFd, _sending.AsMemory(0, n), MessageFlags.None, cancellationToken);
            int next = await ring.ReceiveAsync(fromFd, _receiving, MessageFlags.None, cancellationToken);
            relayed += await send;
            _receiving.AsSpan(0, next).CopyTo(_sending);   // the send is done with _sending
            n = next;
        }

        return relayed;
    }
}
