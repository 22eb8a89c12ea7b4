// A Raft leader relays a heartbeat through another peer's channel object: it sends that channel's frame and then re-encodes the frame through the other channel's own method (a method of the same type writing its _frame) before the send has completed.
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

    public void EncodeHeartbeat(long term, long commitIndex)
    {
        _frame[0] = 1;
        BinaryPrimitives.WriteInt64LittleEndian(_frame.AsSpan(1), term);
        BinaryPrimitives.WriteInt64LittleEndian(_frame.AsSpan(9), commitIndex);
        _length = 17;
    }

    public async Task RelayAsync(PeerChannel behind, long term, long commitIndex, CancellationToken ct)
    {
        ValueTask<int> send = _ring.SendAsync(behind._socket, behind._frame.AsMemory(0, behind._length), MessageFlags.None, ct);
        /*~ASYS1005*/behind.EncodeHeartbeat(term, commitIndex + 1);
        await send;
    }
}
