using System;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round8.Results.DnsRetransmitOk;

/// <summary>A DNS-over-UDP client: one receive is posted, converted to a Task once, and raced on each retransmit.</summary>
internal sealed class DnsResolver(IoRing ring, int socketFd)
{
    public async Task<int> QueryAsync(byte[] query, byte[] answer, TimeSpan retransmitAfter, int attempts, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Task<int> reply = ring.ReceiveAsync(socketFd, answer, MessageFlags.None, stop.Token).AsTask();
        for (int attempt = 0; attempt < attempts; attempt++)
        {
            await ring.SendAsync(socketFd, query, MessageFlags.None, cancellationToken);
            if (await Task.WhenAny(reply, Task.Delay(retransmitAfter, cancellationToken)) == reply)
            {
                return await reply;
            }
        }

        stop.Cancel();
        try
        {
            await reply;
        }
        catch (OperationCanceledException)
        {
        }

        throw new TimeoutException("no DNS reply after " + attempts + " attempts");
    }
}
