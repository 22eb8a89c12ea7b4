// A superblock probe wraps aligned native memory it owns (freed on Dispose) in a pointer MemoryManager and returns the ring read into it.
using System;
using System.Buffers;
using System.Runtime.InteropServices;
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

public sealed unsafe class SuperblockProbe(IoRing ring, int fd) : IDisposable
{
    private readonly byte* _scratch = (byte*)NativeMemory.AlignedAlloc(4096, 4096);

    public ValueTask<int> StartProbe(CancellationToken ct)
    {
        var memory = new PointerMemory(_scratch, 96);
        return ring.ReadAsync(fd, memory.Memory, 0, ct);
    }

    public ReadOnlySpan<byte> Superblock => new(_scratch, 96);

    public void Dispose() => NativeMemory.AlignedFree(_scratch);
}
