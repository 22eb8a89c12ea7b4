// The same fetcher that takes the flow-control credit before it rents the buffer and starts the read, and awaits the read
// before anything can leave the using scope.
using System;
using System.Buffers;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round39.InFlight.FetchCreditFirst;

public sealed class PartitionFetcher(IoRing ring, int segmentFd, SemaphoreSlim credits)
{
    public Func<long, CancellationToken, Task<int>> CreateFetch(TimeSpan creditTimeout, Func<ReadOnlyMemory<byte>, Task> deliver) =>
        async (offset, ct) =>
        {
            if (!await credits.WaitAsync(creditTimeout, ct))
            {
                return 0;
            }

            try
            {
                using IMemoryOwner<byte> owner = MemoryPool<byte>.Shared.Rent(64 * 1024);
                int n = await ring.ReadAsync(segmentFd, owner.Memory, offset, ct);
                await deliver(owner.Memory[..n]);
                return n;
            }
            finally
            {
                credits.Release();
            }
        };
}
