// A large-file dedup tool reads a window of chunks with O_DIRECT through the ring, each into an aligned block rented
// from AlignedBufferPool, starting all reads before awaiting any. The leases are kept in an array and given back only
// after every read has been awaited and hashed.
using System;
using System.Buffers;
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round12.InFlight.DirectLeasesAfterReads;

public sealed class WindowHasher(IoRing ring, AlignedBufferPool pool)
{
    public async Task<byte[][]> HashWindowAsync(int fd, long start, int chunkSize, int chunks, CancellationToken cancellationToken)
    {
        var reads = new ValueTask<int>[chunks];
        var blocks = new IMemoryOwner<byte>[chunks];
        for (int i = 0; i < chunks; i++)
        {
            blocks[i] = pool.Rent(chunkSize);
            reads[i] = ring.ReadAsync(fd, blocks[i].Memory, start + (long)i * chunkSize, cancellationToken);
        }

        var digests = new byte[chunks][];
        for (int i = 0; i < chunks; i++)
        {
            int n = await reads[i];
            digests[i] = SHA256.HashData(blocks[i].Memory.Span[..n]);
        }

        foreach (IMemoryOwner<byte> block in blocks) block.Dispose();
        return digests;
    }
}
