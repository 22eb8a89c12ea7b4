// The WAL header writer made right: the header is built in a pooled array, which AsyncSys pins for the whole write, and
// the array goes back to the pool only after the write completed.
using System;
using System.Buffers;
using System.Buffers.Binary;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round36.StackMemory.WalHeaderPooled;

public sealed class WalHeaderWriter(IoRing ring, int logFd)
{
    public async ValueTask<int> WriteHeaderAsync(long offset, ulong lsn, int payloadLength, uint crc, CancellationToken ct)
    {
        byte[] header = ArrayPool<byte>.Shared.Rent(32);
        try
        {
            var span = header.AsSpan(0, 32);
            span.Clear();
            BinaryPrimitives.WriteUInt64LittleEndian(span, lsn);
            BinaryPrimitives.WriteInt32LittleEndian(span[8..], payloadLength);
            BinaryPrimitives.WriteUInt32LittleEndian(span[12..], crc);
            await ring.WriteAsync(logFd, header.AsMemory(0, 32), offset, ct);
            return 32;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(header);
        }
    }
}
