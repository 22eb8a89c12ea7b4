// A WAL appender names its pooled block through a second local taken before the pwrite starts, and stamps the next record's sequence through that alias only after the write completed.
using System;
using System.Buffers;
using System.Buffers.Binary;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round44.Wal;

public sealed class WalAppender
{
    private const int BlockSize = 4096;
    private readonly IoRing _ring;
    private readonly int _fd;
    private long _tail;
    private ulong _sequence;

    public WalAppender(IoRing ring, int fd)
    {
        _ring = ring;
        _fd = fd;
    }

    public async ValueTask AppendAsync(ReadOnlyMemory<byte> payload, CancellationToken ct)
    {
        byte[] block = ArrayPool<byte>.Shared.Rent(BlockSize);
        byte[] record = block;                 // the encoder's name for the same array
        try
        {
            int length = Encode(record, payload.Span, _sequence++);
            ValueTask<int> write = _ring.WriteAtMostAsync(_fd, block.AsMemory(0, length), _tail, ct);
            int written = await write;
            BinaryPrimitives.WriteUInt64LittleEndian(record.AsSpan(0, 8), _sequence);   // the write is over
            _tail += written;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(block);
        }
    }

    private static int Encode(byte[] destination, ReadOnlySpan<byte> payload, ulong sequence)
    {
        BinaryPrimitives.WriteUInt64LittleEndian(destination.AsSpan(0, 8), sequence);
        BinaryPrimitives.WriteInt32LittleEndian(destination.AsSpan(8, 4), payload.Length);
        payload.CopyTo(destination.AsSpan(12));
        return 12 + payload.Length;
    }
}
