// The chunked reader's next record gets a block of its own in the `with` expression, so clearing the next record's block while the current read runs touches a different array.
using System;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus61.RecordWithBlockOk;

internal sealed record Chunk(byte[] Block, long Offset, int Length);

internal sealed class ChunkReader(IoRing ring, int fd)
{
    public async Task<Chunk> ReadNextAsync(Chunk current, CancellationToken ct)
    {
        ValueTask<int> read = ring.ReadAsync(fd, current.Block.AsMemory(0, current.Length), current.Offset, ct);
        Chunk next = current with { Block = new byte[current.Block.Length], Offset = current.Offset + current.Length };
        next.Block.AsSpan().Clear();
        int n = await read.ConfigureAwait(false);
        return next with { Length = n };
    }
}
