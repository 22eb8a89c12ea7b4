// A deduplicating backup chunker starts the pack write of a chunk and, while it is in flight, hashes the same bytes to
// index the chunk. Hashing only reads the buffer (the digest goes into a separate array), so nothing the kernel reads
// changes: correct code that a rule treating every use of the buffer as a touch would flag.
using System;
using System.Buffers;
using System.Security.Cryptography;
using System.Threading.Tasks;
using AsyncSys;

namespace Round24.InFlight.DedupHashInFlight;

public sealed class ChunkPacker(IoRing ring, int packFd)
{
    public async Task<byte[]> PackAsync(byte[] chunk, int length, long offset)
    {
        ValueTask write = ring.WriteAsync(packFd, chunk.AsMemory(0, length), offset);
        byte[] digest = new byte[32];
        SHA256.HashData(chunk.AsSpan(0, length), digest);
        await write;
        ArrayPool<byte>.Shared.Return(chunk);
        return digest;
    }
}
