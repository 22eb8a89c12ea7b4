// An async iterator streams a file in chunks with a read-ahead into a second rented array started before each yield; it remembers the read-ahead's Task, and its finally (reached also when the consumer stops early) waits for that read to end before returning the arrays to the pool.
using System;
using System.Buffers;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus50.ChunkStreamOk;

internal sealed class ChunkStream(IoRing ring, int fd)
{
    private const int ChunkSize = 64 * 1024;

    public async IAsyncEnumerable<ReadOnlyMemory<byte>> ReadChunksAsync([EnumeratorCancellation] CancellationToken ct = default)
    {
        byte[] current = ArrayPool<byte>.Shared.Rent(ChunkSize);
        byte[] ahead = ArrayPool<byte>.Shared.Rent(ChunkSize);
        Task<int> readAhead = Task.FromResult(0);
        try
        {
            long offset = 0;
            int n = await ring.ReadAsync(fd, current.AsMemory(0, ChunkSize), offset, ct).ConfigureAwait(false);
            while (n > 0)
            {
                offset += n;
                readAhead = ring.ReadAsync(fd, ahead.AsMemory(0, ChunkSize), offset, ct).AsTask();
                yield return current.AsMemory(0, n);
                n = await readAhead.ConfigureAwait(false);
                ahead.AsSpan(0, n).CopyTo(current);
            }
        }
        finally
        {
            await ((Task)readAhead).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            ArrayPool<byte>.Shared.Return(current);
            ArrayPool<byte>.Shared.Return(ahead);
        }
    }
}
