// The same prefetch as an async method that awaits the read inside the using declaration's scope: the block goes back
// to the pool only after the kernel has finished writing it.
using System.Buffers;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round27.InFlight.PrefetchAwaited;

public sealed class Prefetcher(IoRing ring)
{
    private const int BlockSize = 64 * 1024;

    public async Task<int> PrefetchAsync(int fd, CancellationToken ct)
    {
        using IMemoryOwner<byte> block = AlignedBufferPool.Shared.Rent(BlockSize);
        return await ring.ReadAsync(fd, block.Memory, 0, ct);
    }
}
