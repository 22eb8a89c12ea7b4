using System;
using System.Buffers;
using System.Runtime.InteropServices;

namespace AsyncSys.Samples.DirectHasher;

/// <summary>
/// Native memory aligned for O_DIRECT (address, length and file offset must all be multiples of the device's
/// logical block size; 4096 covers every common device), exposed as <see cref="Memory{T}"/> for the ring.
/// </summary>
/// <remarks>
/// The memory never moves, so pinning is free. Dispose only after every operation using it has completed:
/// the ring returns from an await only after the kernel's completion, so awaiting first is enough.
/// </remarks>
internal sealed unsafe class AlignedBuffer : MemoryManager<byte>
{
    public const int Alignment = 4096;

    private byte* _pointer;
    private readonly int _length;

    public AlignedBuffer(int length)
    {
        if (length <= 0 || length % Alignment != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(length), length, $"O_DIRECT buffers are whole multiples of {Alignment} bytes.");
        }

        _length = length;
        _pointer = (byte*)NativeMemory.AlignedAlloc((nuint)length, Alignment);
    }

    public override Span<byte> GetSpan() => new(Pointer, _length);

    public override MemoryHandle Pin(int elementIndex = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(elementIndex);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(elementIndex, _length);
        return new MemoryHandle(Pointer + elementIndex);
    }

    public override void Unpin()
    {
        // Native memory: nothing was pinned.
    }

    protected override void Dispose(bool disposing)
    {
        if (_pointer != null)
        {
            NativeMemory.AlignedFree(_pointer);
            _pointer = null;
        }
    }

    private byte* Pointer => _pointer != null ? _pointer : throw new ObjectDisposedException(nameof(AlignedBuffer));
}
