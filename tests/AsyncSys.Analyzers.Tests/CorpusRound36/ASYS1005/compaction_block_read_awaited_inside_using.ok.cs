// The compaction block read made right: the aligned buffer is rented for the whole read, the read is awaited inside the
// `using` scope and the block copied out for the merge before the owner goes back to the pool.
using System;
using System.Buffers;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round36.InFlight.CompactionUsingOwnerAwaited;

public sealed class CompactionBlockReader(IoRing ring, AlignedBufferPool pool)
{
    public async ValueTask<byte[]> ReadBlockAsync(DirectFileHandle table, long offset, int blockSize, CancellationToken ct)
    {
        using IMemoryOwner<byte> owner = pool.Rent(blockSize);
        int n = await ring.ReadAsync(table, owner.Memory[..blockSize], offset, ct);
        return owner.Memory.Span[..n].ToArray();
    }
}
