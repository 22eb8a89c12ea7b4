// The same index writer made right: the scratch array belongs to the writer (one writer per index, calls are
// serialised by the partition), not to whichever thread runs the loop.
using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round23.PerThread.IndexScratchPerWriter;

public sealed class OffsetIndexWriter(IoRing ring, int indexFd)
{
    private const int EntrySize = 8;
    private readonly byte[] _entry = new byte[EntrySize];

    public async Task AppendEntriesAsync(IReadOnlyList<(int RelativeOffset, int Position)> entries, long indexPosition, CancellationToken ct)
    {
        for (int i = 0; i < entries.Count; i++)
        {
            BinaryPrimitives.WriteInt64BigEndian(_entry, ((long)entries[i].RelativeOffset << 32) | (uint)entries[i].Position);
            await ring.WriteAsync(indexFd, _entry, indexPosition + (long)i * EntrySize, ct);
        }
    }
}
