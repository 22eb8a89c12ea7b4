// A broadcaster sends one frame to every subscriber with Task.WhenAll and counts deliveries in counters striped by thread id; the stripe is taken before the WhenAll's await and bumped with a plain `+=` after it, on another thread, which may share that stripe with a thread bumping it at the same moment.
using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus51.BroadcastStripeBad;

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
        /*~ASYS1002*/_delivered[stripe] += sends.Length;
    }
}
