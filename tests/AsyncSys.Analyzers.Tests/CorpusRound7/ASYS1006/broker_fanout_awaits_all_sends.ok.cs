using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using AsyncSys;

namespace Round7.Results.BrokerFanoutOk;

internal sealed class Subscriber
{
    public int SocketFd { get; init; }
    public bool Closed { get; set; }
}

/// <summary>A message broker pushes each published frame to every live subscriber socket and waits for all sends.</summary>
internal sealed class Fanout(IoRing ring, List<Subscriber> subscribers)
{
    public async Task<int> PublishAsync(ReadOnlyMemory<byte> frame)
    {
        var sends = new List<Task<int>>();
        foreach (Subscriber subscriber in subscribers)
        {
            if (subscriber.Closed)
            {
                continue;
            }

            sends.Add(ring.SendAsync(subscriber.SocketFd, frame).AsTask());
        }

        int[] sent = await Task.WhenAll(sends);
        return sent.Length;
    }
}
