// An offset index writer encodes each entry into a per-thread scratch array taken once before the loop and writes it
// with the ring. After the first await the loop runs on another thread but keeps filling the first thread's array;
// another index writer running on the first thread takes the same array and both encode into it at once, so index
// entries point at the wrong file positions.
using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round23.PerThread.IndexScratchAcrossWrites;

public sealed class OffsetIndexWriter(IoRing ring, int indexFd)
{
    private const int EntrySize = 8;
    private static readonly ThreadLocal<byte[]> s_entryScratch = new(() => new byte[EntrySize]);

    public async Task AppendEntriesAsync(IReadOnlyList<(int RelativeOffset, int Position)> entries, long indexPosition, CancellationToken ct)
    {
        byte[] entry = s_entryScratch.Value!;
        for (int i = 0; i < entries.Count; i++)
        {
            /*~ASYS1002*/BinaryPrimitives.WriteInt64BigEndian(entry, ((long)entries[i].RelativeOffset << 32) | (uint)entries[i].Position);
            await ring.WriteAsync(indexFd, entry, indexPosition + (long)i * EntrySize, ct);
        }
    }
}
