// Compaction reads SSTable data blocks with O_DIRECT into aligned buffers rented from the AlignedBufferPool. The helper
// rents with a `using` declaration and returns the read's task to the merge loop, which awaits it later: the owner is
// disposed when the helper returns, the aligned buffer goes back to the pool and is rented by the next block read while
// the kernel is still filling it, so two blocks interleave and the merged table is corrupt.
using System.Buffers;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round36.InFlight.CompactionUsingOwner;

public sealed class CompactionBlockReader(IoRing ring, AlignedBufferPool pool)
{
    public ValueTask<int> StartBlockRead(DirectFileHandle table, long offset, int blockSize, CancellationToken ct)
    {
        /*~ASYS1005*/using IMemoryOwner<byte> owner = pool.Rent(blockSize);
        return ring.ReadAsync(table, owner.Memory[..blockSize], offset, ct);
    }
}
