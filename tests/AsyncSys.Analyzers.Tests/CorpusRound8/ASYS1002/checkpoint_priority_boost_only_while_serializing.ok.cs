using System;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round8.PerThread.CheckpointBoostOk;

/// <summary>Writes a checkpoint; only the CPU-bound snapshot runs at a raised priority, on the thread that raised it.</summary>
internal sealed class Checkpointer(IoRing ring, int checkpointFd, Func<byte[]> snapshot)
{
    public async Task<bool> CheckpointAsync(TimeSpan drainDeadline, CancellationToken cancellationToken)
    {
        using QuiesceResult paused = await ring.QuiesceAsync(drainDeadline, cancellationToken);
        if (!paused.Drained)
        {
            return false;
        }

        byte[] image;
        Thread worker = Thread.CurrentThread;
        ThreadPriority previous = worker.Priority;
        worker.Priority = ThreadPriority.AboveNormal;
        try
        {
            image = snapshot();
        }
        finally
        {
            worker.Priority = previous;   // no await in between: the same thread
        }

        await ring.WriteAsync(checkpointFd, image, 0, cancellationToken);
        await ring.FsyncAsync(checkpointFd, cancellationToken);
        return true;
    }
}
