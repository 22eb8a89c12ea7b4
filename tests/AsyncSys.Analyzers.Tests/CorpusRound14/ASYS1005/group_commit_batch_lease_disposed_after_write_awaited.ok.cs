// The same group commit with the closed batch disposed in a finally around the awaited write: the array goes back
// to the pool only once the ring is done reading it (completed, failed or cancelled).
using System;
using System.Buffers;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round14.BufferInFlight.GroupCommitLeaseDisposedAfterWrite;

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
        try
        {
            await ring.WriteAsync(segmentFd, closing.Memory, _tail, ct);
            _tail += closing.Length;
        }
        finally
        {
            closing.Dispose();
        }

        await ring.FdatasyncAsync(segmentFd, ct);
    }
}
