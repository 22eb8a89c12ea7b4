// The same index rewrite made right: two entry arrays alternate, and each is reused only after the write that was
// given it has been awaited. (The other array's write may still be in flight: it is a different array.)
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round23.InFlight.IndexEntryDoubleBuffered;

public sealed class OffsetIndex(IoRing ring, int indexFd)
{
    private const int EntrySize = 8;

    public async Task RewriteAsync(IReadOnlyList<(int RelativeOffset, int Position)> entries, CancellationToken ct)
    {
        byte[][] slots = [new byte[EntrySize], new byte[EntrySize]];
        ValueTask[] pending = [ValueTask.CompletedTask, ValueTask.CompletedTask];
        for (int i = 0; i < entries.Count; i++)
        {
            int slot = i & 1;
            await pending[slot];
            BinaryPrimitives.WriteInt64BigEndian(slots[slot], ((long)entries[i].RelativeOffset << 32) | (uint)entries[i].Position);
            pending[slot] = ring.WriteAsync(indexFd, slots[slot], (long)i * EntrySize, ct);
        }

        await pending[0];
        await pending[1];
    }
}
