// A market-data publisher keeps one pinned slab of two 1 KiB slots; it starts the send of slot 0 and, while that send runs, fills slot 1 (header and body, through its own view of the slab, bytes the send does not cover), then awaits both sends in order.
using System;
using System.Buffers.Binary;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus49.SlabRestampOk;

internal sealed class TickPublisher(IoRing ring, int socket)
{
    private const int SlotSize = 1024;
    private readonly byte[] _slab = GC.AllocateUninitializedArray<byte>(2 * SlotSize, pinned: true);
    private long _sequence;

    public async Task PublishPairAsync(ReadOnlyMemory<byte> first, ReadOnlyMemory<byte> second, CancellationToken ct)
    {
        Memory<byte> current = _slab.AsMemory(0, SlotSize);
        Memory<byte> next = _slab.AsMemory(SlotSize, SlotSize);

        BinaryPrimitives.WriteInt64LittleEndian(current.Span, ++_sequence);
        first.Span.CopyTo(current.Span.Slice(8));
        ValueTask<int> send = ring.SendAsync(socket, current[..(8 + first.Length)], MessageFlags.None, ct);

        BinaryPrimitives.WriteInt64LittleEndian(next.Span, ++_sequence);
        second.Span.CopyTo(next.Span.Slice(8));

        await send.ConfigureAwait(false);
        await ring.SendAsync(socket, next[..(8 + second.Length)], MessageFlags.None, ct).ConfigureAwait(false);
    }
}
