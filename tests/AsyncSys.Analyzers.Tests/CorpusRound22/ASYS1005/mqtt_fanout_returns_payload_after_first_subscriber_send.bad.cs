// An MQTT-like broker receives one PUBLISH into a pooled buffer and forwards it to every subscriber. For QoS 0 it only
// waits until the first subscriber took the message, then returns the buffer to the pool: the other subscribers'
// sends are still reading it, and the next PUBLISH received into the same array is what slow subscribers get.
using System;
using System.Buffers;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round22.InFlight.FanoutReturnsAfterFirstSend;

public sealed class TopicFanout(IoRing ring)
{
    public async Task<int> ForwardAsync(int publisherFd, IReadOnlyList<int> subscriberFds, CancellationToken ct)
    {
        byte[] payload = ArrayPool<byte>.Shared.Rent(64 * 1024);
        int n = await ring.ReceiveAsync(publisherFd, payload, MessageFlags.None, ct);
        var sends = new Task<int>[subscriberFds.Count];
        for (int i = 0; i < sends.Length; i++)
        {
            sends[i] = ring.SendAsync(subscriberFds[i], payload.AsMemory(0, n), MessageFlags.None, ct).AsTask();
        }

        Task<int> first = await Task.WhenAny(sends);
        /*~ASYS1005*/ArrayPool<byte>.Shared.Return(payload);
        return await first;
    }
}
