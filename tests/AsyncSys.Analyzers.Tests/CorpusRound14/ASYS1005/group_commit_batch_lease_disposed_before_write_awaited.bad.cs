// A partition's appender collects records into a pooled batch (a struct lease over an ArrayPool array whose Dispose
// returns it), and at group commit swaps in a fresh batch, starts the ring write of the closed one, and disposes it
// right away, believing the write copied the bytes. The ring reads the array until the write completes: meanwhile
// the pool hands it to the next Rent (often the very next batch), whose records overwrite the closed batch's bytes
// in flight, so the segment gets a mix of two batches with a CRC that matches neither.
using System;
using System.Buffers;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round14.BufferInFlight.GroupCommitLeaseDisposedEarly;

internal struct BatchBuffer : IDisposable
{
    private readonly byte[] _array;

    private BatchBuffer(byte[] array)
    {
        _array = array;
        Length = 0;
    }

    public int Length { get; private set; }

    public readonly Memory<byte> Memory => _array.AsMemory(0, Length);

    public static BatchBuffer Rent(int capacity) => new(ArrayPool<byte>.Shared.Rent(capacity));

    public void Append(ReadOnlySpan<byte> record)
    {
        record.CopyTo(_array.AsSpan(Length));
        Length += record.Length;
    }

    public readonly void Dispose() => ArrayPool<byte>.Shared.Return(_array);
}

public sealed class SegmentAppender(IoRing ring, int segmentFd)
{
    private BatchBuffer _open = BatchBuffer.Rent(1 << 20);
    private long _tail;

    public void Append(ReadOnlySpan<byte> record) => _open.Append(record);

    public async Task CommitAsync(CancellationToken ct)
    {
        BatchBuffer closing = _open;
        _open = BatchBuffer.Rent(1 << 20);
        ValueTask write = ring.WriteAsync(segmentFd, closing.Memory, _tail, ct);
        _tail += closing.Length;
        /*~ASYS1005*/closing.Dispose();
        await write;
        await ring.FdatasyncAsync(segmentFd, ct);
    }
}
