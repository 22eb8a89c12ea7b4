// The header is formatted on the stack, then copied into a rented array that the ring pins.
using System;
using System.Buffers;
using System.Buffers.Binary;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus;

internal static class FrameWriter
{
    public static async Task<int> WriteHeaderAsync(IoRing ring, int fd, uint length, uint kind, CancellationToken cancellationToken)
    {
        byte[] rented = ArrayPool<byte>.Shared.Rent(8);
        try
        {
            Fill(rented, length, kind);
            return await ring.WriteAtMostAsync(fd, rented.AsMemory(0, 8), cancellationToken);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private static void Fill(byte[] destination, uint length, uint kind)
    {
        Span<byte> header = stackalloc byte[8];
        BinaryPrimitives.WriteUInt32BigEndian(header, length);
        BinaryPrimitives.WriteUInt32BigEndian(header.Slice(4), kind);
        header.CopyTo(destination);
    }
}
