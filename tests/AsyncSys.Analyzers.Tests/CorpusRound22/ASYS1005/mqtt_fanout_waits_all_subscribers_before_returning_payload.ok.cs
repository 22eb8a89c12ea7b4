// The broker's fan-out, made right: it answers as soon as the first subscriber took the message, but the payload goes
// back to the pool only after every subscriber's send has completed, in a continuation that owns it.
using System;
using System.Buffers;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round22.InFlight.FanoutWaitsAllBeforeReturn;

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
        try
        {
            await Task.WhenAll(sends);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(payload);
        }

        return await first;
    }
}
