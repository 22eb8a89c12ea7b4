// The scanner reads ahead into the other of two arrays and swaps them with a tuple deconstruction, so the checksum and the yielded view are of the array no read is filling.
using System;
using System.Collections.Generic;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus59.IteratorReadAheadOk;

internal sealed class SegmentScanner(IoRing ring, int fd)
{
    private const int BlockSize = 16 * 1024;

    public async IAsyncEnumerable<ReadOnlyMemory<byte>> BlocksAsync(long length, [EnumeratorCancellation] CancellationToken ct = default)
    {
        byte[] block = new byte[BlockSize];
        byte[] ahead = new byte[BlockSize];
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
            next = offset < length ? ring.ReadAsync(fd, ahead, offset, ct) : ValueTask.FromResult(0);
            ReadOnlyMemory<byte> current = block.AsMemory(0, n);
            uint crc = Crc32C(current.Span);
            (block, ahead) = (ahead, block);
            if (crc == 0)
            {
                continue;
            }

            yield return current;
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
