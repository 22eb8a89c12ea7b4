using System;
using System.Collections.Generic;
using AsyncSys;

namespace Round7.Results.BrokerFanout;

internal sealed class Subscriber
{
    public int SocketFd { get; init; }
    public bool Closed { get; set; }
}

/// <summary>A message broker pushes each published frame to every live subscriber socket.</summary>
internal sealed class Fanout(IoRing ring, List<Subscriber> subscribers)
{
    public int Publish(ReadOnlyMemory<byte> frame)
    {
        int pushed = 0;
        foreach (Subscriber subscriber in subscribers)
        {
            if (subscriber.Closed)
            {
                continue;
            }

            /*~ASYS1006*/ring.SendAsync(subscriber.SocketFd, frame);   // a failed or short send is never seen
            pushed++;
        }

        return pushed;
    }
}
