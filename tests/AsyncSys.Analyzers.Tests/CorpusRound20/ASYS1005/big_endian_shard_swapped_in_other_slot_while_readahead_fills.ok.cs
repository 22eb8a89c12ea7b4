// The same readahead with two staging slots: the next read goes into the other slot, and only the slot whose read has
// completed is byte-swapped in place and consumed.
using System;
using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round20.InFlight.ReadaheadTwoSlots;

public sealed class TensorShardReader(IoRing ring, int shardFd)
{
    public async Task<long> StreamAsync(Action<ReadOnlyMemory<byte>> consume, CancellationToken ct)
    {
        byte[] front = GC.AllocateArray<byte>(1 << 20, pinned: true);
        byte[] back = GC.AllocateArray<byte>(1 << 20, pinned: true);
        long offset = 0;
        ValueTask<int> next = ring.ReadAsync(shardFd, front, offset, ct);
        while (true)
        {
            int n = await next;
            if (n <= 0)
            {
                return offset;
            }

            offset += n;
            next = ring.ReadAsync(shardFd, back, offset, ct);
            Span<int> words = MemoryMarshal.Cast<byte, int>(front.AsSpan(0, n & ~3));
            BinaryPrimitives.ReverseEndianness(words, words);
            consume(front.AsMemory(0, n));
            n = await next;
            if (n <= 0)
            {
                return offset;
            }

            offset += n;
            next = ring.ReadAsync(shardFd, front, offset, ct);
            words = MemoryMarshal.Cast<byte, int>(back.AsSpan(0, n & ~3));
            BinaryPrimitives.ReverseEndianness(words, words);
            consume(back.AsMemory(0, n));
        }
    }
}
