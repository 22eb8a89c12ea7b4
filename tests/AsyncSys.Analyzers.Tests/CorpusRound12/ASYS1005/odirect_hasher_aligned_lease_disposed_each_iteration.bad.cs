// A large-file dedup tool reads a window of chunks with O_DIRECT through the ring, each into an aligned block rented
// from AlignedBufferPool, starting all reads before awaiting any. The lease is a `using` declaration inside the loop
// body, so each block goes back to the pool at the end of its iteration while its read is in flight: the next
// iteration (or another hasher) rents the same block and the kernel fills it under them.
using System;
using System.Buffers;
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round12.InFlight.DirectLeasePerIteration;

public sealed class WindowHasher(IoRing ring, AlignedBufferPool pool)
{
    public async Task<byte[][]> HashWindowAsync(int fd, long start, int chunkSize, int chunks, CancellationToken cancellationToken)
    {
        var reads = new ValueTask<int>[chunks];
        var blocks = new Memory<byte>[chunks];
        for (int i = 0; i < chunks; i++)
        {
            /*~ASYS1005*/using IMemoryOwner<byte> block = pool.Rent(chunkSize);
            blocks[i] = block.Memory;
            reads[i] = ring.ReadAsync(fd, block.Memory, start + (long)i * chunkSize, cancellationToken);
        }

        var digests = new byte[chunks][];
        for (int i = 0; i < chunks; i++)
        {
            int n = await reads[i];
            digests[i] = SHA256.HashData(blocks[i].Span[..n]);
        }

        return digests;
    }
}
