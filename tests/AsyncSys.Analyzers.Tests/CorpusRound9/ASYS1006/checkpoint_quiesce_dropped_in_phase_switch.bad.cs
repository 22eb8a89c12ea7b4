using System;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round9.Tasks.CheckpointPhases;

internal enum CheckpointPhase { Idle, Draining, Snapshotting, Done }

/// <summary>A checkpointer steps through phases from a timer; draining closes the ring to new writes so the snapshot sees a still file.</summary>
internal sealed class Checkpointer(IoRing ring, Func<CancellationToken, Task> snapshot)
{
    public CheckpointPhase Phase { get; private set; }

    public async Task StepAsync(CancellationToken cancellationToken)
    {
        switch (Phase)
        {
            case CheckpointPhase.Idle:
                Phase = CheckpointPhase.Draining;
                break;
            case CheckpointPhase.Draining:
                // dropped: the snapshot may start before the writes drained, and the QuiesceResult that would
                // reopen admission is never disposed, so every later submission waits forever
                /*~ASYS1006*/ring.QuiesceAsync(TimeSpan.FromSeconds(10), cancellationToken);
                Phase = CheckpointPhase.Snapshotting;
                break;
            case CheckpointPhase.Snapshotting:
                await snapshot(cancellationToken);
                Phase = CheckpointPhase.Done;
                break;
        }
    }
}
