// A WAL replication standby sends its status update ('r', three LSNs, its clock and a reply flag: 34 bytes) on every
// tick. It stages the message in stackalloc memory, wraps it in a MemoryManager to get a Memory<byte>, and keeps the
// send's task in a field to await on the next tick. When the send waits for socket space, the kernel reads the 34 bytes
// after this frame is gone: the primary gets garbage LSNs and may recycle WAL the standby still needs.
using System;
using System.Buffers;
using System.Buffers.Binary;
using System.Threading.Tasks;
using AsyncSys;

namespace Round38.StackMemory.StandbyStatusStackalloc;

internal sealed unsafe class UnmanagedBytes : MemoryManager<byte>
{
    private readonly byte* _pointer;
    private readonly int _length;

    public UnmanagedBytes(byte* pointer, int length)
    {
        _pointer = pointer;
        _length = length;
    }

    public override Span<byte> GetSpan() => new(_pointer, _length);

    public override MemoryHandle Pin(int elementIndex = 0) => new(_pointer + elementIndex);

    public override void Unpin()
    {
    }

    protected override void Dispose(bool disposing)
    {
    }
}

public sealed class StandbyStatusSender(IoRing ring, int fd)
{
    private ValueTask<int> _lastStatus;

    public unsafe void SendStatus(long written, long flushed, long applied, long clock)
    {
        byte* message = stackalloc byte[34];
        var span = new Span<byte>(message, 34);
        span[0] = (byte)'r';
        BinaryPrimitives.WriteInt64BigEndian(span.Slice(1), written);
        BinaryPrimitives.WriteInt64BigEndian(span.Slice(9), flushed);
        BinaryPrimitives.WriteInt64BigEndian(span.Slice(17), applied);
        BinaryPrimitives.WriteInt64BigEndian(span.Slice(25), clock);
        span[33] = 0;
        var bytes = new UnmanagedBytes(message, 34);
        _lastStatus = /*~ASYS1004*/ring.SendAsync(fd, bytes.Memory, MessageFlags.None);
    }

    public async ValueTask FlushAsync() => await _lastStatus;
}
