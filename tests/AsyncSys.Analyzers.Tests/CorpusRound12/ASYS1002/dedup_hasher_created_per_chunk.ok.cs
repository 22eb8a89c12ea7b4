// A dedup tool hashes each chunk of a large file with a SHA-256 of its own, created for the chunk and disposed at the
// end, reading the chunk through the ring block by block: whichever thread resumes after each read, the hasher is
// this chunk's.
using System;
using System.Buffers;
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round12.PerThread.DedupHasherPerChunk;

public sealed class ChunkDigester(IoRing ring)
{
    private const int BlockSize = 256 * 1024;

    public async Task<byte[]> DigestChunkAsync(int fd, long offset, long length, CancellationToken cancellationToken)
    {
        using IncrementalHash sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        byte[] block = ArrayPool<byte>.Shared.Rent(BlockSize);
        try
        {
            long done = 0;
            while (done < length)
            {
                int want = (int)Math.Min(BlockSize, length - done);
                int n = await ring.ReadAsync(fd, block.AsMemory(0, want), offset + done, cancellationToken);
                if (n == 0) break;
                sha.AppendData(block, 0, n);
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
