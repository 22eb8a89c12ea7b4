using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round9.Buffers.CompactionBlock;

internal sealed record Entry(byte[] Key, byte[] Value, bool Tombstone);

/// <summary>LSM compaction streams merged entries into fixed-size output blocks; a full block is written while merging goes on.</summary>
internal sealed class CompactionWriter(IoRing ring, int outputFd, int blockSize)
{
    public async Task<long> WriteAsync(IAsyncEnumerable<Entry> merged, CancellationToken cancellationToken)
    {
        byte[] block = new byte[blockSize];
        int filled = 0;
        long offset = 0;
        ValueTask pending = ValueTask.CompletedTask;
        await foreach (Entry entry in merged.WithCancellation(cancellationToken))
        {
            if (entry is { Tombstone: true })
            {
                continue;   // bottom level: tombstones drop out
            }

            int size = 4 + entry.Key.Length + entry.Value.Length;
            if (filled + size > blockSize)
            {
                await pending;
                pending = ring.WriteAsync(outputFd, block.AsMemory(0, filled), offset, cancellationToken);
                offset += blockSize;
                filled = 0;
            }

            // filled is 0 again: the entry overwrites the start of the block whose write is still in flight
            /*~ASYS1005*/filled += Encode(entry, block.AsSpan(filled));
        }

        await pending;
        if (filled > 0)
        {
            await ring.WriteAsync(outputFd, block.AsMemory(0, filled), offset, cancellationToken);
            offset += blockSize;
        }

        return offset;
    }

    private static int Encode(Entry entry, Span<byte> into)
    {
        BinaryPrimitives.WriteUInt16LittleEndian(into, (ushort)entry.Key.Length);
        BinaryPrimitives.WriteUInt16LittleEndian(into[2..], (ushort)entry.Value.Length);
        entry.Key.CopyTo(into[4..]);
        entry.Value.CopyTo(into[(4 + entry.Key.Length)..]);
        return 4 + entry.Key.Length + entry.Value.Length;
    }
}
