// A Raft leader relays a heartbeat through another peer's channel object: it sends that channel's frame and, while the send runs, encodes the next heartbeat into this channel's own frame (another array), then awaits the send.
using System;
using System.Buffers.Binary;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Consensus.Transport;

public sealed class PeerChannel
{
    private readonly IoRing _ring;
    private readonly int _socket;
    private readonly byte[] _frame = new byte[64];
    private int _length;

    public PeerChannel(IoRing ring, int socket)
    {
        _ring = ring;
        _socket = socket;
    }

    public async Task RelayAsync(PeerChannel behind, long term, long commitIndex, CancellationToken ct)
    {
        ValueTask<int> send = _ring.SendAsync(behind._socket, behind._frame.AsMemory(0, behind._length), MessageFlags.None, ct);
        _frame[0] = 1;
        BinaryPrimitives.WriteInt64LittleEndian(_frame.AsSpan(1), term);
        BinaryPrimitives.WriteInt64LittleEndian(_frame.AsSpan(9), commitIndex);
        _length = 17;
        await send;
        await _ring.SendAsync(_socket, _frame.AsMemory(0, _length), MessageFlags.None, ct);
    }
}
