// A loader for big-endian float tensors reads a shard with one staging buffer and readahead: it starts the next read
// into the staging buffer, then byte-swaps the chunk it just got in place, through an int view of the same buffer.
// The swap races the kernel filling the buffer with the next chunk, so samples come out half-swapped or from the wrong
// chunk.
using System;
using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round20.InFlight.ReadaheadSwapInPlace;

public sealed class TensorShardReader(IoRing ring, int shardFd)
{
    public async Task<long> StreamAsync(Action<ReadOnlyMemory<byte>> consume, CancellationToken ct)
    {
        byte[] staging = GC.AllocateArray<byte>(1 << 20, pinned: true);
        long offset = 0;
        ValueTask<int> next = ring.ReadAsync(shardFd, staging, offset, ct);
        while (true)
        {
            int n = await next;
            if (n <= 0)
            {
                return offset;
            }

            offset += n;
            next = ring.ReadAsync(shardFd, staging, offset, ct);
            Span<int> words = MemoryMarshal.Cast<byte, int>(staging.AsSpan(0, n & ~3));
            /*~ASYS1005*/BinaryPrimitives.ReverseEndianness(words, words);
            consume(staging.AsMemory(0, n));
        }
    }
}
