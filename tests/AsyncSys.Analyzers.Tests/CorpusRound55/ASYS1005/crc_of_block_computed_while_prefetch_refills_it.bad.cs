// A scrubber verifies the CRC-32C of every block of a segment file; to overlap I/O with the checksum it starts the read of the next block before checksumming the current one, but into the same array, so the CRC runs over bytes the kernel is replacing with the next block.
using System;
using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus55.ScrubPrefetchBad;

internal sealed class SegmentScrubber(IoRing ring, SafeHandle segment)
{
    private const int BlockSize = 4096;

    public async Task<int> ScrubAsync(long blocks, CancellationToken ct)
    {
        byte[] block = new byte[BlockSize];
        int corrupt = 0;
        await ring.ReadExactlyAsync(segment, block, 0, ct).ConfigureAwait(false);
        for (long i = 0; i < blocks; i++)
        {
            ValueTask next = i + 1 < blocks
                ? ring.ReadExactlyAsync(segment, block, (i + 1) * BlockSize, ct)
                : ValueTask.CompletedTask;
            /*~ASYS1005*/uint stored = BinaryPrimitives.ReadUInt32LittleEndian(block.AsSpan(BlockSize - 4));
            /*~ASYS1005*/uint actual = Crc32C(block.AsSpan(0, BlockSize - 4));
            if (stored != actual)
            {
                corrupt++;
            }

            await next.ConfigureAwait(false);
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
