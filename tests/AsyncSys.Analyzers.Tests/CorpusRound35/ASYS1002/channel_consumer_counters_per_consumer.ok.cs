// The batch consumer owns its counters object (one per consumer, published with Interlocked reads elsewhere), so the
// thread each iteration resumes on does not matter.
using System.Collections.Generic;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;

namespace Round35.ThreadState.CountersPerConsumer;

public sealed class ShipCounters
{
    public long Records;
    public long Batches;
}

public sealed class BatchConsumer(Channel<List<string>> batches)
{
    public ShipCounters Counters { get; } = new();

    public async Task RunAsync(CancellationToken ct)
    {
        await foreach (List<string> batch in batches.Reader.ReadAllAsync(ct))
        {
            Interlocked.Add(ref Counters.Records, batch.Count);
            Interlocked.Increment(ref Counters.Batches);
        }
    }
}
