// Chunks from an async stream are copied into the one staging buffer while the previous chunk's write may still run.
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
            chunk.CopyTo(/*~ASYS1005*/staging);
            if (hasPending)
            {
                offset += await pending;
            }

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
