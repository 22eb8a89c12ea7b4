// The same reader allocates its chunk once with NativeMemory and frees it in Dispose, which the runner calls only after
// the last read has completed: the memory the returned read uses outlives it.
using System;
using System.Buffers;
using System.Runtime.InteropServices;
using System.Threading.Tasks;
using AsyncSys;

namespace Round16.StackMemory.PipeReadNativeManager;

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

public sealed unsafe class CompilerOutput : IDisposable
{
    private readonly byte* _chunk = (byte*)NativeMemory.Alloc(4096);

    public ValueTask<int> ReadChunkAsync(IoRing ring, int stdoutPipe) =>
        ring.ReadAsync(stdoutPipe, new PointerMemory(_chunk, 4096).Memory, -1);

    public void Dispose() => NativeMemory.Free(_chunk);
}
