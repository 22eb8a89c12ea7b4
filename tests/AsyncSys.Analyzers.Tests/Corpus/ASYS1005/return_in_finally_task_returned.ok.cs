// The method awaits the write inside the try, so finally runs after the kernel is done.
using System;
using System.Buffers;
using System.Buffers.Binary;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus;

internal static class Trailer
{
    public static async ValueTask<int> WriteAsync(IoRing ring, int fd, long offset, uint checksum, CancellationToken cancellationToken)
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent(16);
        try
        {
            BinaryPrimitives.WriteUInt32LittleEndian(buffer, checksum);
            return await ring.WriteAtMostAsync(fd, buffer.AsMemory(0, 4), offset, cancellationToken);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
