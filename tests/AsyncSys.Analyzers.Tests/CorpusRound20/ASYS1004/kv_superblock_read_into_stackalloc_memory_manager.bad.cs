// An embedded key-value store reads its 512-byte superblock with a ring read into stackalloc memory wrapped in a
// MemoryManager, and returns the read's task to the caller. The frame that owns the stack bytes is gone when the
// caller awaits, so the kernel writes the superblock over whatever the caller's stack holds by then.
using System;
using System.Buffers;
using System.Threading.Tasks;
using AsyncSys;

namespace Round20.StackMemory.SuperblockStackalloc;

public sealed unsafe class PointerMemory : MemoryManager<byte>
{
    private readonly byte* _pointer;
    private readonly int _length;

    public PointerMemory(byte* pointer, int length)
    {
        _pointer = pointer;
        _length = length;
    }

    public override Span<byte> GetSpan() => new(_pointer, _length);
    public override MemoryHandle Pin(int elementIndex = 0) => new(_pointer + elementIndex);
    public override void Unpin() { }
    protected override void Dispose(bool disposing) { }
}

public sealed class Superblock(IoRing ring, int dbFd)
{
    public unsafe ValueTask<int> StartReadHeader()
    {
        byte* header = stackalloc byte[512];
        var memory = new PointerMemory(header, 512);
        return ring.ReadAsync(dbFd, /*~ASYS1004*/memory.Memory, 0);
    }
}
