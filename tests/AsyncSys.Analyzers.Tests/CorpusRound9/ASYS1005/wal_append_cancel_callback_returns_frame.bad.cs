using System;
using System.Buffers;
using System.Buffers.Binary;
using System.Numerics;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round9.Buffers.WalAppendCancel;

/// <summary>A WAL appender frames a record into a pooled buffer and writes it; a cancelled append gives the buffer back at once.</summary>
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

        // "don't hold pool memory for a request nobody waits for": the callback runs when the token fires,
        // while the write it cancels is still using the frame
        CancellationTokenRegistration release = cancellationToken.Register(static state => /*~ASYS1005*/ArrayPool<byte>.Shared.Return((byte[])state!), frame);
        try
        {
            await ring.WriteAsync(fd, frame.AsMemory(0, length), offset, cancellationToken);
            return offset + length;
        }
        finally
        {
            if (release.Unregister())
            {
                ArrayPool<byte>.Shared.Return(frame);   // not cancelled: ours to return
            }
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
