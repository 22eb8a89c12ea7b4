// A log segment writer keeps each encoded record in a struct wrapper over its Memory<byte>; a copy of the struct (same memory) is cleared for reuse only after the pwrite of the original completed.
using System;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round44.Segments;

public readonly struct RecordFrame
{
    public RecordFrame(Memory<byte> bytes, long offset)
    {
        Bytes = bytes;
        Offset = offset;
    }

    public Memory<byte> Bytes { get; }

    public long Offset { get; }
}

public sealed class SegmentWriter
{
    private readonly IoRing _ring;
    private readonly int _fd;
    private readonly byte[] _staging = new byte[64 * 1024];

    public SegmentWriter(IoRing ring, int fd)
    {
        _ring = ring;
        _fd = fd;
    }

    public async ValueTask<int> WriteRecordAsync(int length, long offset, CancellationToken ct)
    {
        RecordFrame frame = new RecordFrame(_staging.AsMemory(0, length), offset);
        RecordFrame recycled = frame;          // a copy of the struct: the same Memory<byte>
        ValueTask<int> write = _ring.WriteAtMostAsync(_fd, frame.Bytes, frame.Offset, ct);
        int written = await write;
        recycled.Bytes.Span.Clear();           // the write is over
        return written;
    }
}
