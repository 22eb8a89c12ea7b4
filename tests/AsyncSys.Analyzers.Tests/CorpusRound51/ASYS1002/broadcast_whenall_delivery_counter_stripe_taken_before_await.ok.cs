// A broadcaster sends one frame to every subscriber with Task.WhenAll and counts deliveries in counters striped by thread id; the stripe taken before the await is only a hint for spreading contention, and the count goes in with Interlocked.Add, correct whichever thread shares the stripe.
using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus51.BroadcastStripeOk;

internal sealed class Broadcaster(IoRing ring)
{
    private const int Stripes = 16;
    private readonly long[] _delivered = new long[Stripes];

    public long Delivered
    {
        get
        {
            long total = 0;
            for (int i = 0; i < Stripes; i++)
            {
                total += Volatile.Read(ref _delivered[i]);
            }

            return total;
        }
    }

    public async Task BroadcastAsync(ReadOnlyMemory<byte> frame, IReadOnlyList<int> subscribers, CancellationToken ct)
    {
        int stripe = Environment.CurrentManagedThreadId % Stripes;
        var sends = new Task<int>[subscribers.Count];
        for (int i = 0; i < sends.Length; i++)
        {
            sends[i] = ring.SendAsync(subscribers[i], frame, MessageFlags.NoSignal, ct).AsTask();
        }

        await Task.WhenAll(sends).ConfigureAwait(false);
        Interlocked.Add(ref _delivered[stripe], sends.Length);
    }
}
