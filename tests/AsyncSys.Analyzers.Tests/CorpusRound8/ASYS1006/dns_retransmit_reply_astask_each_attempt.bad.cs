using System;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round8.Results.DnsRetransmit;

/// <summary>A DNS-over-UDP client: one receive is posted, the query is resent until the reply arrives.</summary>
internal sealed class DnsResolver(IoRing ring, int socketFd)
{
    public async Task<int> QueryAsync(byte[] query, byte[] answer, TimeSpan retransmitAfter, int attempts, CancellationToken cancellationToken)
    {
        ValueTask<int> reply = ring.ReceiveAsync(socketFd, answer, MessageFlags.None, cancellationToken);
        for (int attempt = 0; attempt < attempts; attempt++)
        {
            await ring.SendAsync(socketFd, query, MessageFlags.None, cancellationToken);
            // The same ValueTask is turned into a Task again on every retransmit: from the second attempt on,
            // its source may already be serving another operation.
            Task<int> pending = /*~ASYS1006*/reply.AsTask();
            if (await Task.WhenAny(pending, Task.Delay(retransmitAfter, cancellationToken)) == pending)
            {
                return await pending;
            }
        }

        throw new TimeoutException("no DNS reply after " + attempts + " attempts");
    }
}
