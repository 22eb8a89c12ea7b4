// A block reader migrated from a callback API bridges the ring's read to a TaskCompletionSource that either the read's continuation or a System.Threading.Timer completes (a timeout). The pooled block goes back only in the read's own continuation, after the read completed, whichever completed the bridge.
using System;
using System.Buffers;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus48.BlockReadBridgeOk;

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
            try
            {
                if (t.IsCompletedSuccessfully)
                {
                    consume(block, t.Result);
                    done.TrySetResult(t.Result);
                }
                else if (t.IsCanceled) done.TrySetCanceled();
                else done.TrySetException(t.Exception!.InnerExceptions);
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(block);
            }
        }, TaskScheduler.Default);
        using var timer = new Timer(_ => done.TrySetException(new TimeoutException()), null, timeout, Timeout.InfiniteTimeSpan);
        return await done.Task.ConfigureAwait(false);
    }
}
