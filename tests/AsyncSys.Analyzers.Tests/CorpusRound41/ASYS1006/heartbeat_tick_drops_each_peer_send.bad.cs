// A Raft leader's heartbeat tick sends an empty AppendEntries to every peer and drops each send's ValueTask, then waits for the next tick.
using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Consensus.Leadership;

public sealed record Peer(string Id, int Socket);

public sealed class HeartbeatLoop
{
    private readonly IoRing _ring;
    private readonly IReadOnlyList<Peer> _peers;
    private readonly byte[] _heartbeat = new byte[24];
    private readonly TimeSpan _interval = TimeSpan.FromMilliseconds(50);

    public HeartbeatLoop(IoRing ring, IReadOnlyList<Peer> peers)
    {
        _ring = ring;
        _peers = peers;
    }

    public async Task RunAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            foreach (Peer peer in _peers)
            {
                /*~ASYS1006*/_ = _ring.SendAsync(peer.Socket, _heartbeat, MessageFlags.None, ct);
            }

            await _ring.DelayAsync(_interval, ct);
        }
    }
}
