using System;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round8.PerThread.CheckpointBoost;

/// <summary>Writes a checkpoint: pauses new I/O, writes the image, makes it durable, at a raised thread priority.</summary>
internal sealed class Checkpointer(IoRing ring, int checkpointFd, Func<byte[]> snapshot)
{
    public async Task<bool> CheckpointAsync(TimeSpan drainDeadline, CancellationToken cancellationToken)
    {
        Thread worker = Thread.CurrentThread;
        ThreadPriority previous = worker.Priority;
        worker.Priority = ThreadPriority.AboveNormal;
        try
        {
            using QuiesceResult paused = await ring.QuiesceAsync(drainDeadline, cancellationToken);
            if (!paused.Drained)
            {
                return false;
            }

            byte[] image = snapshot();
            await ring.WriteAsync(checkpointFd, image, 0, cancellationToken);
            await ring.FsyncAsync(checkpointFd, cancellationToken);
            return true;
        }
        finally
        {
            // After the awaits this runs on whichever pool thread resumed; 'worker' may be busy with other work
            // and keeps AboveNormal, or gets the priority of a thread it never belonged to.
            /*~ASYS1002*/worker.Priority = previous;
        }
    }
}
