// A dedup tool reads a file's chunks in parallel with Parallel.ForEach, each body starting the chunk's ring read, then
// hashes the buffers. The body is an Action: the read's ValueTask is dropped, so ForEach returns as soon as the reads
// are started, the hashes are taken of buffers still being filled, and a failed read (EIO) is never seen.
using System.Linq;
using System.Security.Cryptography;
using System.Threading.Tasks;
using AsyncSys;

namespace Round12.Unobserved.DedupParallelForEachDrops;

public sealed class ChunkScanner(IoRing ring)
{
    private const int ChunkSize = 1 << 20;

    public byte[][] DigestChunks(int fd, int chunks)
    {
        byte[][] buffers = Enumerable.Range(0, chunks).Select(_ => new byte[ChunkSize]).ToArray();
        Parallel.ForEach(Enumerable.Range(0, chunks), i => /*~ASYS1006*/ring.ReadAsync(fd, buffers[i], (long)i * ChunkSize));
        return buffers.Select(b => SHA256.HashData(b)).ToArray();
    }
}
