// A dedup tool hashes each chunk of a large file with this thread's SHA-256 (a ThreadLocal to avoid allocating one per
// chunk), reading the chunk through the ring block by block. After the first read's await the job may continue on
// another thread, while the thread it left picks up the next chunk and appends to the same hasher: two chunks' bytes
// are mixed into one digest and duplicates are missed (or different chunks merged).
using System;
using System.Buffers;
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round12.PerThread.DedupThreadLocalHasher;

public sealed class ChunkDigester(IoRing ring)
{
    private const int BlockSize = 256 * 1024;
    private static readonly ThreadLocal<IncrementalHash> s_sha256 =
        new(() => IncrementalHash.CreateHash(HashAlgorithmName.SHA256));

    public async Task<byte[]> DigestChunkAsync(int fd, long offset, long length, CancellationToken cancellationToken)
    {
        IncrementalHash sha = s_sha256.Value!;
        byte[] block = ArrayPool<byte>.Shared.Rent(BlockSize);
        try
        {
            long done = 0;
            while (done < length)
            {
                int want = (int)Math.Min(BlockSize, length - done);
                int n = await ring.ReadAsync(fd, block.AsMemory(0, want), offset + done, cancellationToken);
                if (n == 0) break;
                /*~ASYS1002*/sha.AppendData(block, 0, n);
                done += n;
            }

            return sha.GetHashAndReset();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(block);
        }
    }
}
