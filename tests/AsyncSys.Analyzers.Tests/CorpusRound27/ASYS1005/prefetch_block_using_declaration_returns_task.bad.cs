// A walker warms the page cache for the hasher by reading the first block of each candidate file; its helper rents the
// scratch block with a using declaration and returns the read's task: the block goes back to the pool as the helper
// returns, while the kernel is still writing the file's data into it, over a block another reader now owns.
using System.Buffers;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round27.InFlight.PrefetchUsingDeclaration;

public sealed class Prefetcher(IoRing ring)
{
    private const int BlockSize = 64 * 1024;

    public Task<int> PrefetchAsync(int fd, CancellationToken ct)
    {
        /*~ASYS1005*/using IMemoryOwner<byte> block = AlignedBufferPool.Shared.Rent(BlockSize);
        return ring.ReadAsync(fd, block.Memory, 0, ct).AsTask();
    }
}
