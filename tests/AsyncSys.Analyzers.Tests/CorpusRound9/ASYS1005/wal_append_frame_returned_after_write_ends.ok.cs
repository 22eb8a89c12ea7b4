using System;
using System.Buffers;
using System.Buffers.Binary;
using System.Numerics;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round9.Buffers.WalAppendCancelOk;

/// <summary>A WAL appender frames a record into a pooled buffer and writes it; the buffer goes back when the write's await ends, cancelled or not.</summary>
internal sealed class WalAppender(IoRing ring, int fd)
{
    private long _tail;

    public async ValueTask<long> AppendAsync(ReadOnlyMemory<byte> record, CancellationToken cancellationToken)
    {
        int length = 8 + record.Length;
        byte[] frame = ArrayPool<byte>.Shared.Rent(length);
        BinaryPrimitives.WriteInt32LittleEndian(frame, record.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(frame.AsSpan(4), Crc32C(record.Span));
        record.Span.CopyTo(frame.AsSpan(8));
        long offset = Interlocked.Add(ref _tail, length) - length;

        try
        {
            await ring.WriteAsync(fd, frame.AsMemory(0, length), offset, cancellationToken);   // a cancelled write ends here too, once the ring is done with it
            return offset + length;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(frame);
        }
    }

    private static uint Crc32C(ReadOnlySpan<byte> data)
    {
        uint crc = ~0u;
        foreach (byte b in data)
        {
            crc = BitOperations.Crc32C(crc, b);
        }

        return ~crc;
    }
}
