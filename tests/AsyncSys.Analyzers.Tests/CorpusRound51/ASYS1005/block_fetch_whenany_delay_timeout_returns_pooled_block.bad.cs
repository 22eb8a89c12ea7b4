// A block fetcher races a pread into a pooled block against `Task.Delay(timeout)`; when the delay wins it gives the block back to the pool and reports a timeout, abandoning a read that is still running and may land in the block after another caller rented it.
using System;
using System.Buffers;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus51.BlockFetchWhenAnyBad;

internal sealed class BlockFetcher(IoRing ring, int fd, int blockSize)
{
    public async Task<byte[]?> TryFetchAsync(long blockNumber, TimeSpan timeout, CancellationToken ct)
    {
        byte[] block = ArrayPool<byte>.Shared.Rent(blockSize);
        Task<int> read = ring.ReadAsync(fd, block.AsMemory(0, blockSize), blockNumber * blockSize, ct).AsTask();
        Task winner = await Task.WhenAny(read, Task.Delay(timeout, ct)).ConfigureAwait(false);
        if (winner != read)
        {
            /*~ASYS1005*/ArrayPool<byte>.Shared.Return(block);
            return null;
        }

        int n = await read.ConfigureAwait(false);
        if (n < blockSize)
        {
            ArrayPool<byte>.Shared.Return(block);
            return null;
        }

        return block;
    }
}
