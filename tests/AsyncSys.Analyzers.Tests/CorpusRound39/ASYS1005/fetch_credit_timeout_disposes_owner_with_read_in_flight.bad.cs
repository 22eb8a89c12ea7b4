// A partition fetcher (an async lambda handed to the fetch scheduler) rents a buffer, starts the segment read, and then
// waits for a flow-control credit (backpressure from the consumer). When no credit comes in time it returns 0: the using
// declaration disposes the owner, handing the memory back to the pool while the read is still filling it, and the next
// fetch that rents it gets its bytes overwritten by this stale read.
using System;
using System.Buffers;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round39.InFlight.FetchCreditTimeoutDisposes;

public sealed class PartitionFetcher(IoRing ring, int segmentFd, SemaphoreSlim credits)
{
    public Func<long, CancellationToken, Task<int>> CreateFetch(TimeSpan creditTimeout, Func<ReadOnlyMemory<byte>, Task> deliver) =>
        async (offset, ct) =>
        {
            /*~ASYS1005*/using IMemoryOwner<byte> owner = MemoryPool<byte>.Shared.Rent(64 * 1024);
            ValueTask<int> read = ring.ReadAsync(segmentFd, owner.Memory, offset, ct);
            if (!await credits.WaitAsync(creditTimeout, ct))
            {
                return 0;
            }

            try
            {
                int n = await read;
                await deliver(owner.Memory[..n]);
                return n;
            }
            finally
            {
                credits.Release();
            }
        };
}
