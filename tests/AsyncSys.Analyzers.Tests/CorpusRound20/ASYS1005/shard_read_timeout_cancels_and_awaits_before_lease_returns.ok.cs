// The same reader cancelling the read on timeout and awaiting it before the throw leaves the `using` scope: the lease
// goes back to the pool only after the kernel is done with it.
using System;
using System.Buffers;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round20.InFlight.ShardTimeoutAwaitsLoser;

public sealed class ShardBlockReader(IoRing ring, int shardFd)
{
    public async Task<byte[]> ReadBlockAsync(long offset, int length, TimeSpan timeout, CancellationToken ct)
    {
        using IMemoryOwner<byte> lease = AlignedBufferPool.Shared.Rent(length);
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(ct);
        Task<int> read = ring.ReadAsync(shardFd, lease.Memory[..length], offset, cancel.Token).AsTask();
        if (await Task.WhenAny(read, Task.Delay(timeout, ct)) != read)
        {
            cancel.Cancel();
            try
            {
                await read;
            }
            catch (OperationCanceledException)
            {
            }

            throw new TimeoutException($"shard read at {offset} took longer than {timeout}");
        }

        int n = await read;
        return lease.Memory.Span[..n].ToArray();
    }
}
