// A WAL replication standby sends its status update (34 bytes) on every tick from an array the sender owns, and keeps
// the send's task in a field. Each tick first awaits the previous send, then fills the array and starts the next: the
// array lives as long as the sender and AsyncSys pins it for each send.
using System;
using System.Buffers.Binary;
using System.Threading.Tasks;
using AsyncSys;

namespace Round38.StackMemory.StandbyStatusArrayField;

public sealed class StandbyStatusSender(IoRing ring, int fd)
{
    private readonly byte[] _message = new byte[34];
    private Task<int> _lastStatus = Task.FromResult(0);

    public async Task SendStatusAsync(long written, long flushed, long applied, long clock)
    {
        await _lastStatus;
        Span<byte> span = _message;
        span[0] = (byte)'r';
        BinaryPrimitives.WriteInt64BigEndian(span.Slice(1), written);
        BinaryPrimitives.WriteInt64BigEndian(span.Slice(9), flushed);
        BinaryPrimitives.WriteInt64BigEndian(span.Slice(17), applied);
        BinaryPrimitives.WriteInt64BigEndian(span.Slice(25), clock);
        span[33] = 0;
        _lastStatus = ring.SendAsync(fd, _message, MessageFlags.None).AsTask();
    }

    public Task FlushAsync() => _lastStatus;
}
