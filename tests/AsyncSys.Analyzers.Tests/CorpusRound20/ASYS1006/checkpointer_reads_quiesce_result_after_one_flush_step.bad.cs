// A checkpointer quiesces the ring before it snapshots the page table, and flushes dirty pages meanwhile. It runs one
// flush step when the quiesce has not finished and then reads the Result: the step does not wait for the quiesce, so
// the Result is read from a ValueTask that may still be pending (undefined for a pooled source), and the checkpoint
// proceeds with operations still in flight.
using System;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round20.ValueTasks.CheckpointQuiesceResultEarly;

public sealed class Checkpointer(IoRing ring, Func<CancellationToken, Task> flushStep)
{
    public async Task<bool> CheckpointAsync(TimeSpan timeout, CancellationToken ct)
    {
        ValueTask<QuiesceResult> quiesce = ring.QuiesceAsync(timeout, ct);
        if (!quiesce.IsCompleted)
        {
            await flushStep(ct);
        }

        using QuiesceResult result = /*~ASYS1006*/quiesce.Result;
        return result.Drained;
    }
}
