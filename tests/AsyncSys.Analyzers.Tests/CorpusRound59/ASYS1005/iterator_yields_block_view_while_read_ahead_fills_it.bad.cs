// A segment scanner is an async iterator: it awaits the read of one block, starts the read of the next block ahead, and yields a view of the block it has. The read ahead was started into the same array the view points at, so while the consumer of the await foreach parses the yielded records the kernel is overwriting them with the next block, and before yielding the scanner itself checksums the block the read ahead is filling.
using System;
using System.Collections.Generic;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus59.IteratorReadAheadBad;

internal sealed class SegmentScanner(IoRing ring, int fd)
{
    private const int BlockSize = 16 * 1024;

    public async IAsyncEnumerable<ReadOnlyMemory<byte>> BlocksAsync(long length, [EnumeratorCancellation] CancellationToken ct = default)
    {
        byte[] block = new byte[BlockSize];
        long offset = 0;
        ValueTask<int> next = ring.ReadAsync(fd, block, offset, ct);
        while (offset < length)
        {
            int n = await next.ConfigureAwait(false);
            if (n <= 0)
            {
                yield break;
            }

            offset += n;
            next = offset < length ? ring.ReadAsync(fd, block, offset, ct) : ValueTask.FromResult(0);
            uint crc = Crc32C(/*~ASYS1005*/block.AsSpan(0, n));
            if (crc == 0)
            {
                continue;
            }

            yield return block.AsMemory(0, n);
        }

        await next.ConfigureAwait(false);
    }

    private static uint Crc32C(ReadOnlySpan<byte> data)
    {
        uint crc = ~0u;
        foreach (byte b in data)
        {
            crc = BitOperations.Crc32C(crc, b);
        }

        return ~crc;
    }
}
