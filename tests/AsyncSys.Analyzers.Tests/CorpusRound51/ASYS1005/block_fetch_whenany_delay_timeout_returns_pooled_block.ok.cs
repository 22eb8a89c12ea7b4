// A block fetcher races a pread into a pooled block against `Task.Delay(timeout)`; when the delay wins it leaves the block with the read: a continuation of the read's own task returns it to the pool once the read has ended, and the caller gets a timeout at once.
using System;
using System.Buffers;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus51.BlockFetchWhenAnyOk;

internal sealed class BlockFetcher(IoRing ring, int fd, int blockSize)
{
    public async Task<byte[]?> TryFetchAsync(long blockNumber, TimeSpan timeout, CancellationToken ct)
    {
        byte[] block = ArrayPool<byte>.Shared.Rent(blockSize);
        Task<int> read = ring.ReadAsync(fd, block.AsMemory(0, blockSize), blockNumber * blockSize, ct).AsTask();
        Task winner = await Task.WhenAny(read, Task.Delay(timeout, ct)).ConfigureAwait(false);
        if (winner != read)
        {
            _ = read.ContinueWith(
                static (_, state) => ArrayPool<byte>.Shared.Return((byte[])state!),
                block,
                CancellationToken.None,
                TaskContinuationOptions.ExecuteSynchronously,
                TaskScheduler.Default);
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
