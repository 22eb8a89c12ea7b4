using System;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round9.Tasks.CheckpointPhasesOk;

internal enum CheckpointPhase { Idle, Draining, Snapshotting, Done }

/// <summary>A checkpointer steps through phases; draining waits for the ring to drain, captures the state and reopens admission.</summary>
internal sealed class Checkpointer(IoRing ring, Func<byte[]> captureState, Func<byte[], CancellationToken, Task> persist)
{
    private byte[]? _captured;

    public CheckpointPhase Phase { get; private set; }

    public async Task StepAsync(CancellationToken cancellationToken)
    {
        switch (Phase)
        {
            case CheckpointPhase.Idle:
                Phase = CheckpointPhase.Draining;
                break;
            case CheckpointPhase.Draining:
                await using (QuiesceResult drained = await ring.QuiesceAsync(TimeSpan.FromSeconds(10), cancellationToken))
                {
                    if (!drained.Drained)
                    {
                        ring.CancelAll();   // stragglers past the deadline: the snapshot must not race them
                    }

                    _captured = captureState();   // in memory only: writes would wait for the ring to reopen
                }

                Phase = CheckpointPhase.Snapshotting;
                break;
            case CheckpointPhase.Snapshotting:
                await persist(_captured!, cancellationToken);
                _captured = null;
                Phase = CheckpointPhase.Done;
                break;
        }
    }
}
