using System;
using System.Buffers;
using System.Runtime.InteropServices;

namespace AsyncSys.Bench.Measurement;

/// <summary>
/// A page-aligned native buffer seen as <see cref="Memory{T}"/>. Every case uses these, buffered or not, so the
/// cases differ only in how the I/O is issued; O_DIRECT needs the alignment, and pinning native memory is free.
/// </summary>
internal sealed unsafe class AlignedBuffer : MemoryManager<byte>
{
    internal const int Alignment = 4096;

    private readonly byte* _pointer;
    private readonly int _length;
    private bool _freed;

    internal AlignedBuffer(int length)
    {
        _length = length;
        _pointer = (byte*)NativeMemory.AlignedAlloc((nuint)length, Alignment);

        // Distinct, non-zero contents so writes carry real data.
        var span = new Span<byte>(_pointer, length);
        for (int i = 0; i < span.Length; i++)
        {
            span[i] = (byte)(i * 31 + 7);
        }
    }

    public override Span<byte> GetSpan() => new(_pointer, _length);

    // Native memory never moves: a pin is just the address (no GC handle, no allocation).
    public override MemoryHandle Pin(int elementIndex = 0) => new(_pointer + elementIndex);

    public override void Unpin()
    {
    }

    protected override void Dispose(bool disposing)
    {
        // Only called once every operation on the buffer has completed (the runner awaits them all first).
        if (!_freed)
        {
            _freed = true;
            NativeMemory.AlignedFree(_pointer);
        }
    }
}
