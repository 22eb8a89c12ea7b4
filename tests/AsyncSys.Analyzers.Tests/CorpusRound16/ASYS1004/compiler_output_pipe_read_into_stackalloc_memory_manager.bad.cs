// A build tool reads its compiler's stdout pipe in 4 KiB chunks. To avoid a heap buffer it stackallocs the chunk and
// wraps the pointer in a small MemoryManager<byte> so it can hand the ring a Memory<byte>; the method returns the ring
// read's task. The stackalloc dies with the frame on return, while the read completes later, whenever the compiler
// prints: the kernel writes the diagnostics into whatever the caller's stack holds by then.
using System;
using System.Buffers;
using System.Threading.Tasks;
using AsyncSys;

namespace Round16.StackMemory.PipeReadStackallocManager;

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

public static class CompilerOutput
{
    public static unsafe ValueTask<int> ReadChunkAsync(IoRing ring, int stdoutPipe)
    {
        byte* chunk = stackalloc byte[4096];
        return ring.ReadAsync(stdoutPipe, /*~ASYS1004*/new PointerMemory(chunk, 4096).Memory, -1);
    }
}
