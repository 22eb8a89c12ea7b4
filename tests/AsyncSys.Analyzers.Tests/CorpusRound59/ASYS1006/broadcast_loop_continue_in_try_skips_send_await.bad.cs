// A broadcaster sends one frame to every subscriber. For each it starts the ring send, then, inside a try, skips to the next subscriber with continue when the subscriber asked to be muted meanwhile. That continue leaves the started send's ValueTask behind without ever awaiting it: its failure (a reset connection) is never seen and the ring's pooled completion source is never given back.
using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus59.BroadcastContinueSkipsAwaitBad;

internal sealed class Subscriber(int socketFd)
{
    public int SocketFd { get; } = socketFd;

    public volatile bool Muted;
}

internal sealed class Broadcaster(IoRing ring, TextWriter log)
{
    public async Task<int> BroadcastAsync(IReadOnlyList<Subscriber> subscribers, ReadOnlyMemory<byte> frame, CancellationToken ct)
    {
        int delivered = 0;
        foreach (Subscriber subscriber in subscribers)
        {
            ValueTask<int> /*~ASYS1006*/send = ring.SendAsync(subscriber.SocketFd, frame, MessageFlags.None, ct);
            try
            {
                if (subscriber.Muted)
                {
                    continue;
                }

                if (await send.ConfigureAwait(false) == frame.Length)
                {
                    delivered++;
                }
            }
            catch (IOException e) when (e.Message.Length > 0)
            {
                log.WriteLine("send to " + subscriber.SocketFd + " failed: " + e.Message);
            }
        }

        return delivered;
    }
}
