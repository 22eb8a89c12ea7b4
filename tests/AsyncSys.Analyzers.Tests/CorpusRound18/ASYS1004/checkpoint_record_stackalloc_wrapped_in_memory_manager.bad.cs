// A log shipper writes its read-offset checkpoint (offset, inode, crc) through the ring. To avoid an allocation per
// checkpoint it builds the 24-byte record in stackalloc memory, wraps it in a MemoryManager and returns the write's task
// to the caller. The frame is gone as soon as the method returns, before the kernel copies the record: the checkpoint on
// disk holds whatever the next calls left on the stack, and after a restart the shipper resumes at a garbage offset.
using System;
using System.Buffers;
using System.Buffers.Binary;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round18.StackMemory.CheckpointStackallocManager;

internal sealed unsafe class PointerMemory(byte* pointer, int length) : MemoryManager<byte>
{
    public override Span<byte> GetSpan() => new(pointer, length);

    public override MemoryHandle Pin(int elementIndex = 0) => new(pointer + elementIndex);

    public override void Unpin()
    {
    }

    protected override void Dispose(bool disposing)
    {
    }
}

public sealed class CheckpointWriter(IoRing ring, int checkpointFd)
{
    public unsafe ValueTask SaveAsync(long offset, long inode, uint crc, CancellationToken ct)
    {
        byte* record = stackalloc byte[24];
        var span = new Span<byte>(record, 24);
        BinaryPrimitives.WriteInt64LittleEndian(span, offset);
        BinaryPrimitives.WriteInt64LittleEndian(span[8..], inode);
        BinaryPrimitives.WriteUInt32LittleEndian(span[16..], crc);

        var manager = new PointerMemory(record, 24);
        return ring.WriteAsync(checkpointFd, /*~ASYS1004*/manager.Memory, 0, ct);
    }
}
