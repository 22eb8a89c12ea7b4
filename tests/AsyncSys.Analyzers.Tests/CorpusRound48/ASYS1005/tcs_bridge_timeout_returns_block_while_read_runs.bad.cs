// A block reader migrated from a callback API bridges the ring's read to a TaskCompletionSource that either the read's continuation or a System.Threading.Timer completes (a timeout). The caller awaits the bridge and returns the pooled block in its finally: after a timeout the read is still filling the block the pool hands out again.
using System;
using System.Buffers;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus48.BlockReadBridgeBad;

internal sealed class BlockReader(IoRing ring, int fd, Action<byte[], int> consume)
{
    private const int BlockSize = 64 * 1024;

    public async Task<int> ReadBlockAsync(long offset, TimeSpan timeout)
    {
        byte[] block = ArrayPool<byte>.Shared.Rent(BlockSize);
        var done = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        Task<int> read = ring.ReadAsync(fd, block.AsMemory(0, BlockSize), offset).AsTask();
        _ = read.ContinueWith(t =>
        {
            if (t.IsCompletedSuccessfully) done.TrySetResult(t.Result);
            else if (t.IsCanceled) done.TrySetCanceled();
            else done.TrySetException(t.Exception!.InnerExceptions);
        }, TaskScheduler.Default);
        using var timer = new Timer(_ => done.TrySetException(new TimeoutException()), null, timeout, Timeout.InfiniteTimeSpan);
        try
        {
            int n = await done.Task.ConfigureAwait(false);
            consume(block, n);
            return n;
        }
        finally
        {
            /*~ASYS1005*/ArrayPool<byte>.Shared.Return(block);
        }
    }
}
