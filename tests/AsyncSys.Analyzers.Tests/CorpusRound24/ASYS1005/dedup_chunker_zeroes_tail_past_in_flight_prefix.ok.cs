// The chunker pads the last chunk of a file: while the write of the first `length` bytes is in flight it zeroes the rest
// of the pooled buffer for the next, shorter chunk. The write has only [0, length); the clear starts at `length`, so the
// two never overlap (a shape the docs tell apart).
using System;
using System.Threading.Tasks;
using AsyncSys;

namespace Round24.InFlight.DedupZeroTail;

public sealed class ChunkPacker(IoRing ring, int packFd)
{
    public async Task PackAsync(byte[] chunk, int length, long offset)
    {
        ValueTask write = ring.WriteAsync(packFd, chunk.AsMemory(0, length), offset);
        chunk.AsSpan(length).Clear();
        await write;
    }
}
