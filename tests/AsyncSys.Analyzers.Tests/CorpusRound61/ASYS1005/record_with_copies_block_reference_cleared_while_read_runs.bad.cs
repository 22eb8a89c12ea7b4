// A chunked reader describes each chunk with a positional record. It starts the read of the current chunk, then makes the next chunk's record with a `with` expression that changes only the offset, and clears the next record's block for reuse before awaiting: `with` copies the reference, not the array, so the clear wipes the very array the read is filling.
using System;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus61.RecordWithBlockBad;

internal sealed record Chunk(byte[] Block, long Offset, int Length);

internal sealed class ChunkReader(IoRing ring, int fd)
{
    public async Task<Chunk> ReadNextAsync(Chunk current, CancellationToken ct)
    {
        ValueTask<int> read = ring.ReadAsync(fd, current.Block.AsMemory(0, current.Length), current.Offset, ct);
        Chunk next = current with { Offset = current.Offset + current.Length };
        /*~ASYS1005*/next.Block.AsSpan().Clear();
        int n = await read.ConfigureAwait(false);
        return next with { Length = n };
    }
}
