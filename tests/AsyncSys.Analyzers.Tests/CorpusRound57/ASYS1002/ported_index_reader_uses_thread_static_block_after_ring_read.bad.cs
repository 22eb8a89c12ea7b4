// An index reader's synchronous version kept one scratch block per thread in a [ThreadStatic] field, safe while pread ran on the caller's thread. The port to ring.ReadAsync still decodes from the field after the await: the method has resumed on another pool thread, whose block is a different array (or null), not the one the read filled.
using System;
using System.Buffers.Binary;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus57.ThreadStaticBlockBad;

internal sealed class IndexReader(IoRing ring, int indexFd)
{
    private const int BlockSize = 4096;

    [ThreadStatic]
    private static byte[]? t_block;

    public async Task<long> FindAsync(int slot, CancellationToken ct)
    {
        t_block ??= new byte[BlockSize];
        long blockOffset = (long)(slot / 512) * BlockSize;
        int n = await ring.ReadAsync(indexFd, t_block, blockOffset, ct).ConfigureAwait(false);
        int at = (slot % 512) * 8;
        if (n < at + 8)
        {
            return -1;
        }

        return BinaryPrimitives.ReadInt64LittleEndian(/*~ASYS1002*/t_block.AsSpan(at, 8));
    }
}
