// The tail of the block is zero-filled while the read into the block is in flight.
using System;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus;

internal static class BlockReader
{
    public static async Task<int> ReadBlockAsync(IoRing ring, int fd, Memory<byte> block, long offset, CancellationToken cancellationToken)
    {
        ValueTask<int> read = ring.ReadAsync(fd, block, offset, cancellationToken);
        /*~ASYS1005*/block.Span.Slice(block.Length / 2).Fill(0);
        return await read;
    }
}
