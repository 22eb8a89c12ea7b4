// An index reader ported from pread to ring.ReadAsync rents its block for the call instead of the synchronous version's [ThreadStatic] scratch, keeps it in a local across the await and returns it afterwards.
using System;
using System.Buffers;
using System.Buffers.Binary;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus57.ThreadStaticBlockOk;

internal sealed class IndexReader(IoRing ring, int indexFd)
{
    private const int BlockSize = 4096;

    public async Task<long> FindAsync(int slot, CancellationToken ct)
    {
        byte[] block = ArrayPool<byte>.Shared.Rent(BlockSize);
        try
        {
            long blockOffset = (long)(slot / 512) * BlockSize;
            int n = await ring.ReadAsync(indexFd, block.AsMemory(0, BlockSize), blockOffset, ct).ConfigureAwait(false);
            int at = (slot % 512) * 8;
            if (n < at + 8)
            {
                return -1;
            }

            return BinaryPrimitives.ReadInt64LittleEndian(block.AsSpan(at, 8));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(block);
        }
    }
}
