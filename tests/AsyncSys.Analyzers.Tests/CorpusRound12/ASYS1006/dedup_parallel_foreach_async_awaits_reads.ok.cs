// A dedup tool reads a file's chunks in parallel with Parallel.ForEachAsync; each async body awaits its chunk's ring
// read once and hashes the bytes it got.
using System;
using System.Linq;
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round12.Unobserved.DedupParallelForEachAsync;

public sealed class ChunkScanner(IoRing ring)
{
    private const int ChunkSize = 1 << 20;

    public async Task<byte[][]> DigestChunksAsync(int fd, int chunks, CancellationToken cancellationToken)
    {
        var digests = new byte[chunks][];
        await Parallel.ForEachAsync(Enumerable.Range(0, chunks), cancellationToken, async (i, token) =>
        {
            byte[] buffer = new byte[ChunkSize];
            int n = await ring.ReadAsync(fd, buffer, (long)i * ChunkSize, token);
            digests[i] = SHA256.HashData(buffer.AsSpan(0, n));
        });
        return digests;
    }
}
