// A Raft follower's election timer races the ring's delay (as a Task from AsTask) with the leader's heartbeat signal, and when a heartbeat won it awaits the same delay ValueTask again to sit out the rest of the timeout.
using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Consensus.Leadership;

public sealed record Peer(string Id, int Socket);

public sealed class ElectionTimer
{
    private readonly IoRing _ring;
    private TaskCompletionSource _heartbeat = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ElectionTimer(IoRing ring) => _ring = ring;

    public void HeartbeatSeen() => _heartbeat.TrySetResult();

    public async Task<bool> WaitForLeaderAsync(TimeSpan timeout, CancellationToken ct)
    {
        Task heartbeat = _heartbeat.Task;
        ValueTask delay = _ring.DelayAsync(timeout, ct);
        Task winner = await Task.WhenAny(delay.AsTask(), heartbeat);
        if (winner == heartbeat)
        {
            _heartbeat = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            /*~ASYS1006*/await delay;
            return true;
        }

        return false;
    }
}
