// The rented buffer goes back to the pool in finally, while the returned write is still in flight.
using System;
using System.Buffers;
using System.Buffers.Binary;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus;

internal static class Trailer
{
    public static ValueTask<int> WriteAsync(IoRing ring, int fd, long offset, uint checksum, CancellationToken cancellationToken)
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent(16);
        try
        {
            BinaryPrimitives.WriteUInt32LittleEndian(buffer, checksum);
            return ring.WriteAtMostAsync(fd, buffer.AsMemory(0, 4), offset, cancellationToken);
        }
        finally
        {
            /*~ASYS1005*/ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
