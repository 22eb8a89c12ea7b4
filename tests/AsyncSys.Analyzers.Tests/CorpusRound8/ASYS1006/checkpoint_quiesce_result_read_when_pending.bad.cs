using System;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round8.Results.CheckpointQuiesce;

/// <summary>A checkpointer pauses the ring before it copies the data file; it logs when the drain has to wait.</summary>
internal sealed class Checkpointer(IoRing ring, int dataFd, Action<string> log)
{
    public async Task<bool> CheckpointAsync(Func<Task> copyDataFile, CancellationToken cancellationToken)
    {
        ValueTask<QuiesceResult> quiesce = ring.QuiesceAsync(TimeSpan.FromSeconds(5), cancellationToken);
        if (!quiesce.IsCompleted)
        {
            log("checkpoint: waiting for in-flight I/O to drain");
        }

        // Not completed on the logging path: Result does not wait for a ValueTask from a pooled source.
        using QuiesceResult paused = /*~ASYS1006*/quiesce.Result;
        if (!paused.Drained)
        {
            return false;
        }

        await copyDataFile();
        await ring.FsyncAsync(dataFd, cancellationToken);
        return true;
    }
}
