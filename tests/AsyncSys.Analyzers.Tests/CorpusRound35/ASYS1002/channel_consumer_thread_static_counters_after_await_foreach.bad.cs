// The shipper keeps per-thread record counters ([ThreadStatic], behind a helper property) and the batch consumer takes
// "its" counters object once, before an await foreach over the batch channel. The loop body runs after each awaited
// MoveNextAsync on whatever pool thread completed it: it bumps another thread's counters without synchronization,
// racing that thread's own updates.
using System.Collections.Generic;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;

namespace Round35.ThreadState.ThreadStaticCountersAwaitForeach;

public sealed class ShipCounters
{
    [System.ThreadStatic]
    private static ShipCounters? t_current;

    public long Records;
    public long Batches;

    public static ShipCounters Current => t_current ??= new ShipCounters();
}

public sealed class BatchConsumer(Channel<List<string>> batches)
{
    public async Task RunAsync(CancellationToken ct)
    {
        ShipCounters counters = ShipCounters.Current;
        await foreach (List<string> batch in batches.Reader.ReadAllAsync(ct))
        {
            /*~ASYS1002*/counters.Records += batch.Count;
            counters.Batches++;
        }
    }
}
