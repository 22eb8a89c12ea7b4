// A superblock probe wraps stackalloc scratch in a pointer MemoryManager and returns the ring read into it: the frame is gone before the read ends.
using System;
using System.Buffers;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace ArrayStore;

internal sealed unsafe class PointerMemory(byte* pointer, int length) : MemoryManager<byte>
{
    public override Span<byte> GetSpan() => new(pointer, length);
    public override MemoryHandle Pin(int elementIndex = 0) => new(pointer + elementIndex);
    public override void Unpin() { }
    protected override void Dispose(bool disposing) { }
}

public sealed unsafe class SuperblockProbe(IoRing ring, int fd)
{
    public ValueTask<int> StartProbe(CancellationToken ct)
    {
        byte* scratch = stackalloc byte[96];
        var memory = new PointerMemory(scratch, 96);
        return ring.ReadAsync(fd, /*~ASYS1004*/memory.Memory, 0, ct);
    }
}
