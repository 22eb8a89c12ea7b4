// The unread tail is zero-filled after the read, from the byte count it returned.
using System;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus;

internal static class BlockReader
{
    public static async Task<int> ReadBlockAsync(IoRing ring, int fd, Memory<byte> block, long offset, CancellationToken cancellationToken)
    {
        int n = await ring.ReadAsync(fd, block, offset, cancellationToken);
        block.Span.Slice(n).Fill(0);
        return n;
    }
}
