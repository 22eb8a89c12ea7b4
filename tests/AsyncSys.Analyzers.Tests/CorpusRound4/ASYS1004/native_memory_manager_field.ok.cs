using System;
using System.Buffers;
using System.Runtime.InteropServices;
using System.Threading.Tasks;
using AsyncSys;

namespace Round4.Stack.NativeField;

internal sealed unsafe class NativeBlock : MemoryManager<byte>
{
    private readonly byte* _pointer = (byte*)NativeMemory.AlignedAlloc(4096, 4096);

    public override Span<byte> GetSpan() => new(_pointer, 4096);

    public override MemoryHandle Pin(int elementIndex = 0) => new(_pointer + elementIndex);

    public override void Unpin()
    {
    }

    protected override void Dispose(bool disposing) => NativeMemory.AlignedFree(_pointer);
}

internal sealed class BlockReader : IDisposable
{
    private readonly IoRing _ring;
    private readonly int _fd;
    private readonly NativeBlock _block = new();

    public BlockReader(IoRing ring, int fd)
    {
        _ring = ring;
        _fd = fd;
    }

    // Native memory owned by the reader: it outlives this frame, whatever the caller does with the task.
    public ValueTask<int> ReadBlock(long offset) => _ring.ReadAsync(_fd, _block.Memory, offset);

    public Span<byte> Data => _block.GetSpan();

    public void Dispose() => ((IDisposable)_block).Dispose();
}
