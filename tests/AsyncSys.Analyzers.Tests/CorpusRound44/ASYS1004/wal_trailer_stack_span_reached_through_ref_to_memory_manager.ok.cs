// A WAL writes a block trailer built in native memory behind a MemoryManager, awaits the pwrite and frees the memory only after it completed.
using System;
using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round44.Trailers;

public sealed unsafe class NativeSegment : MemoryManager<byte>
{
    private byte* _pointer;
    private readonly int _length;

    private NativeSegment(byte* pointer, int length)
    {
        _pointer = pointer;
        _length = length;
    }

    public static NativeSegment Allocate(int length) => new NativeSegment((byte*)NativeMemory.AllocZeroed((nuint)length), length);

    public void Free()
    {
        NativeMemory.Free(_pointer);
        _pointer = null;
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

    public async ValueTask<int> WriteTrailerAsync(long offset, uint crc, long lsn, CancellationToken ct)
    {
        NativeSegment segment = NativeSegment.Allocate(16);
        try
        {
            BinaryPrimitives.WriteUInt32LittleEndian(segment.GetSpan(), crc);
            BinaryPrimitives.WriteInt64LittleEndian(segment.GetSpan()[8..], lsn);
            return await _ring.WriteAtMostAsync(_fd, segment.Memory, offset, ct);
        }
        finally
        {
            segment.Free();
        }
    }
}
