// A scrubber verifies the CRC-32C of every block of a segment file; to overlap I/O with the checksum it starts the read of the next block into a second array before checksumming the current one, and swaps the two after awaiting the read.
using System;
using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus55.ScrubPrefetchOk;

internal sealed class SegmentScrubber(IoRing ring, SafeHandle segment)
{
    private const int BlockSize = 4096;

    public async Task<int> ScrubAsync(long blocks, CancellationToken ct)
    {
        byte[] block = new byte[BlockSize];
        byte[] spare = new byte[BlockSize];
        int corrupt = 0;
        await ring.ReadExactlyAsync(segment, block, 0, ct).ConfigureAwait(false);
        for (long i = 0; i < blocks; i++)
        {
            ValueTask next = i + 1 < blocks
                ? ring.ReadExactlyAsync(segment, spare, (i + 1) * BlockSize, ct)
                : ValueTask.CompletedTask;
            uint stored = BinaryPrimitives.ReadUInt32LittleEndian(block.AsSpan(BlockSize - 4));
            uint actual = Crc32C(block.AsSpan(0, BlockSize - 4));
            if (stored != actual)
            {
                corrupt++;
            }

            await next.ConfigureAwait(false);
            (block, spare) = (spare, block);
        }

        return corrupt;
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
