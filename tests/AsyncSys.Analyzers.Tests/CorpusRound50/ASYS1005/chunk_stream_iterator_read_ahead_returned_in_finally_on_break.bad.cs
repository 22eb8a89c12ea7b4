// An async iterator streams a file in chunks with a read-ahead: it starts the next chunk's read into a second rented array before yielding the current chunk; a consumer that stops early (break, an exception, a cancelled token) disposes the iterator at the yield, and the finally returns the read-ahead array to the pool while that read still fills it.
using System;
using System.Buffers;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus50.ChunkStreamBad;

internal sealed class ChunkStream(IoRing ring, int fd)
{
    private const int ChunkSize = 64 * 1024;

    public async IAsyncEnumerable<ReadOnlyMemory<byte>> ReadChunksAsync([EnumeratorCancellation] CancellationToken ct = default)
    {
        byte[] current = ArrayPool<byte>.Shared.Rent(ChunkSize);
        byte[] ahead = ArrayPool<byte>.Shared.Rent(ChunkSize);
        try
        {
            long offset = 0;
            int n = await ring.ReadAsync(fd, current.AsMemory(0, ChunkSize), offset, ct).ConfigureAwait(false);
            while (n > 0)
            {
                offset += n;
                Task<int> readAhead = ring.ReadAsync(fd, ahead.AsMemory(0, ChunkSize), offset, ct).AsTask();
                yield return current.AsMemory(0, n);
                n = await readAhead.ConfigureAwait(false);
                ahead.AsSpan(0, n).CopyTo(current);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(current);
            /*~ASYS1005*/ArrayPool<byte>.Shared.Return(ahead);
        }
    }
}
