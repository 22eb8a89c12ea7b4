// A pub/sub fan-out encodes one frame into a rented buffer and sends that same buffer to every subscriber, keeping the sends' tasks in a list; it awaits Task.WhenAll (every send ended, failed or not) before returning the buffer to the pool.
using System;
using System.Buffers;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus49.FanoutOk;

internal sealed class Fanout(IoRing ring, IReadOnlyList<int> subscribers)
{
    public async Task PublishAsync(ReadOnlyMemory<byte> payload, CancellationToken ct)
    {
        byte[] frame = ArrayPool<byte>.Shared.Rent(payload.Length + 4);
        BitConverter.TryWriteBytes(frame.AsSpan(0, 4), payload.Length);
        payload.Span.CopyTo(frame.AsSpan(4));
        ReadOnlyMemory<byte> wire = frame.AsMemory(0, payload.Length + 4);

        var sends = new List<Task<int>>(subscribers.Count);
        foreach (int subscriber in subscribers)
        {
            sends.Add(ring.SendAsync(subscriber, wire, MessageFlags.NoSignal, ct).AsTask());
        }

        await Task.WhenAll(sends).ConfigureAwait(false);
        ArrayPool<byte>.Shared.Return(frame);
    }
}
