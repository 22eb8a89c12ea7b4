// A block cache rents a lease with `using IMemoryOwner<byte>`, starts the block's read through a helper method that returns the ring's ValueTask without awaiting it, and then checks whether the cache was closed meanwhile: that early return disposes the lease (back to the pool) while the read still fills it.
using System;
using System.Buffers;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus50.BlockLeaseBad;

internal sealed class BlockCache(IoRing ring, int fd)
{
    private const int BlockSize = 4096;
    private volatile bool _closed;

    public void Close() => _closed = true;

    private ValueTask<int> ReadBlockAsync(Memory<byte> into, long block, CancellationToken ct) =>
        ring.ReadAsync(fd, into, block * BlockSize, ct);

    public async Task<byte[]?> LoadAsync(long block, CancellationToken ct)
    {
        /*~ASYS1005*/using IMemoryOwner<byte> lease = MemoryPool<byte>.Shared.Rent(BlockSize);
        ValueTask<int> read = ReadBlockAsync(lease.Memory[..BlockSize], block, ct);
        if (_closed)
        {
            return null;
        }

        int n = await read.ConfigureAwait(false);
        return lease.Memory[..n].ToArray();
    }
}
