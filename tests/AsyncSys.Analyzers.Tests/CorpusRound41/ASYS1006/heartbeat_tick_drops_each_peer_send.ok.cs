// A Raft leader's heartbeat tick sends an empty AppendEntries to every peer, keeps each send's ValueTask and awaits each once before waiting for the next tick.
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
        var sends = new List<ValueTask<int>>(_peers.Count);
        while (!ct.IsCancellationRequested)
        {
            sends.Clear();
            foreach (Peer peer in _peers)
            {
                sends.Add(_ring.SendAsync(peer.Socket, _heartbeat, MessageFlags.None, ct));
            }

            foreach (ValueTask<int> send in sends)
            {
                await send;
            }

            await _ring.DelayAsync(_interval, ct);
        }
    }
}
