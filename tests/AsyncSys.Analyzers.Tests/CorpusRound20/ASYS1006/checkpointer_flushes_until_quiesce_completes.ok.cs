// The same checkpointer flushing step by step until the quiesce has completed, then reading its Result once.
using System;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round20.ValueTasks.CheckpointFlushUntilQuiesced;

public sealed class Checkpointer(IoRing ring, Func<CancellationToken, Task> flushStep)
{
    public async Task<bool> CheckpointAsync(TimeSpan timeout, CancellationToken ct)
    {
        ValueTask<QuiesceResult> quiesce = ring.QuiesceAsync(timeout, ct);
        while (!quiesce.IsCompleted)
        {
            await flushStep(ct);
        }

        using QuiesceResult result = quiesce.Result;
        return result.Drained;
    }
}
