// An offset index is rewritten in place, entry by entry, with one write kept in flight to overlap the encoding of the
// next entry with the previous write. But the next entry is encoded into the same array before the previous write is
// awaited: the kernel copies the array when the write runs, so an entry slot may receive the next entry's bytes and
// lookups land on the wrong position.
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round23.InFlight.IndexEntryPipelined;

public sealed class OffsetIndex(IoRing ring, int indexFd)
{
    private const int EntrySize = 8;

    public async Task RewriteAsync(IReadOnlyList<(int RelativeOffset, int Position)> entries, CancellationToken ct)
    {
        byte[] entry = new byte[EntrySize];
        ValueTask previous = ValueTask.CompletedTask;
        for (int i = 0; i < entries.Count; i++)
        {
            /*~ASYS1005*/BinaryPrimitives.WriteInt64BigEndian(entry, ((long)entries[i].RelativeOffset << 32) | (uint)entries[i].Position);
            await previous;
            previous = ring.WriteAsync(indexFd, entry, (long)i * EntrySize, ct);
        }

        await previous;
    }
}
