// A WAL appends each record's 32-byte header with its own pwrite: the header is built in stackalloc memory, wrapped in
// a small MemoryManager and handed to the ring, and the write's ValueTask is returned to the group-commit loop. The
// frame is gone when the kernel copies the header, so the log gets whatever the next call left on the stack and
// recovery rejects the record (or replays a wrong length).
using System;
using System.Buffers;
using System.Buffers.Binary;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round36.StackMemory.WalHeaderStackalloc;

internal sealed unsafe class UnmanagedMemory(byte* pointer, int length) : MemoryManager<byte>
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

public sealed unsafe class WalHeaderWriter(IoRing ring, int logFd)
{
    public ValueTask WriteHeader(long offset, ulong lsn, int payloadLength, uint crc, CancellationToken ct)
    {
        byte* header = stackalloc byte[32];
        var span = new Span<byte>(header, 32);
        span.Clear();
        BinaryPrimitives.WriteUInt64LittleEndian(span, lsn);
        BinaryPrimitives.WriteInt32LittleEndian(span[8..], payloadLength);
        BinaryPrimitives.WriteUInt32LittleEndian(span[12..], crc);
        var memory = new UnmanagedMemory(header, 32);
        return ring.WriteAsync(logFd, /*~ASYS1004*/memory.Memory, offset, ct);
    }
}
