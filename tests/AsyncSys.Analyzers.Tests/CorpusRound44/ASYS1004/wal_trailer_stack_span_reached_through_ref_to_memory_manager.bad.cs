// A WAL writes a block trailer built in stackalloc'd memory: it takes the span's first byte as a ref, turns it into a pointer, wraps that in a MemoryManager and returns the pwrite's task, which outlives the frame.
using System;
using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round44.Trailers;

public sealed unsafe class NativeSegment : MemoryManager<byte>
{
    private readonly byte* _pointer;
    private readonly int _length;

    public NativeSegment(byte* pointer, int length)
    {
        _pointer = pointer;
        _length = length;
    }

    public override Span<byte> GetSpan() => new Span<byte>(_pointer, _length);

    public override MemoryHandle Pin(int elementIndex = 0) => new MemoryHandle(_pointer + elementIndex);

    public override void Unpin()
    {
    }

    protected override void Dispose(bool disposing)
    {
    }
}

public sealed class TrailerWriter
{
    private readonly IoRing _ring;
    private readonly int _fd;

    public TrailerWriter(IoRing ring, int fd)
    {
        _ring = ring;
        _fd = fd;
    }

    public unsafe ValueTask<int> WriteTrailerAsync(long offset, uint crc, long lsn, CancellationToken ct)
    {
        Span<byte> trailer = stackalloc byte[16];
        BinaryPrimitives.WriteUInt32LittleEndian(trailer, crc);
        BinaryPrimitives.WriteInt64LittleEndian(trailer[8..], lsn);
        ref byte first = ref MemoryMarshal.GetReference(trailer);
        byte* pointer = (byte*)Unsafe.AsPointer(ref first);
        var segment = new NativeSegment(pointer, trailer.Length);
        return _ring.WriteAtMostAsync(_fd, /*~ASYS1004*/segment.Memory, offset, ct);
    }
}
