// The previous write is awaited before the next chunk is copied into the staging buffer.
using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round2;

internal static class Uploader
{
    public static async Task<long> StoreAsync(IoRing ring, int fd, IAsyncEnumerable<ReadOnlyMemory<byte>> chunks, CancellationToken cancellationToken)
    {
        byte[] staging = new byte[64 * 1024];
        long offset = 0;
        ValueTask<int> pending = default;
        bool hasPending = false;
        await foreach (ReadOnlyMemory<byte> chunk in chunks.WithCancellation(cancellationToken))
        {
            if (hasPending)
            {
                offset += await pending;
            }

            chunk.CopyTo(staging);
            pending = ring.WriteAtMostAsync(fd, staging.AsMemory(0, chunk.Length), offset, cancellationToken);
            hasPending = true;
        }

        if (hasPending)
        {
            offset += await pending;
        }

        return offset;
    }
}
