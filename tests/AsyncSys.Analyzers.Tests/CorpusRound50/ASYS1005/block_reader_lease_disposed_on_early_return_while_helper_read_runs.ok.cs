// A block cache rents a lease with `using IMemoryOwner<byte>`, starts the block's read through a helper method that returns the ring's ValueTask, and checks whether the cache was closed only after awaiting the read, so the lease goes back to the pool on every path after the read ended.
using System;
using System.Buffers;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus50.BlockLeaseOk;

internal sealed class BlockCache(IoRing ring, int fd)
{
    private const int BlockSize = 4096;
    private volatile bool _closed;

    public void Close() => _closed = true;

    private ValueTask<int> ReadBlockAsync(Memory<byte> into, long block, CancellationToken ct) =>
        ring.ReadAsync(fd, into, block * BlockSize, ct);

    public async Task<byte[]?> LoadAsync(long block, CancellationToken ct)
    {
        using IMemoryOwner<byte> lease = MemoryPool<byte>.Shared.Rent(BlockSize);
        ValueTask<int> read = ReadBlockAsync(lease.Memory[..BlockSize], block, ct);
        int n = await read.ConfigureAwait(false);
        if (_closed)
        {
            return null;
        }

        return lease.Memory[..n].ToArray();
    }
}
