// The sequence number is patched before the write starts.
using System;
using System.Buffers.Binary;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus;

internal static class SegmentHeader
{
    public static async Task<int> WriteAsync(IoRing ring, int fd, byte[] header, long offset, ulong sequence, CancellationToken cancellationToken)
    {
        if (!BinaryPrimitives.TryWriteUInt64LittleEndian(header.AsSpan(8), sequence + 1))
        {
            throw new ArgumentException("header too short", nameof(header));
        }

        return await ring.WriteAtMostAsync(fd, header, offset, cancellationToken);
    }
}
