// On stop the tailer passes the token to the read and disposes the buffer owner only after the read has completed
// (cancelled or not).
using System;
using System.Buffers;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round35.InFlight.TailReadOwnerKept;

public sealed class ChunkTailer(IoRing ring, int fd)
{
    public async Task<int> ReadChunkAsync(long offset, CancellationToken stopping, Action<ReadOnlyMemory<byte>> ship)
    {
        using IMemoryOwner<byte> owner = MemoryPool<byte>.Shared.Rent(64 * 1024);
        int n;
        try
        {
            n = await ring.ReadAsync(fd, owner.Memory, offset, stopping);
        }
        catch (OperationCanceledException)
        {
            return 0;
        }

        ship(owner.Memory[..n]);
        return n;
    }
}
