// A partition appender drains produced batches with await foreach and pipelines the segment writes: each pass copies the
// next batch into the staging array and only then awaits the previous pass's write, which is still reading that same
// array. The kernel writes a mix of the two batches into the segment: consumers later fetch records whose CRC fails (or,
// worse, a valid-looking batch with another producer's payload).
using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round39.InFlight.SegmentAppendStagesOverWrite;

public sealed class SegmentAppender(IoRing ring, int segmentFd)
{
    private readonly byte[] _staging = new byte[1 << 20];

    public async Task<long> AppendAllAsync(IAsyncEnumerable<ReadOnlyMemory<byte>> batches, long position, CancellationToken ct)
    {
        ValueTask<int> pending = default;
        bool hasPending = false;
        await foreach (ReadOnlyMemory<byte> batch in batches.WithCancellation(ct))
        {
            /*~ASYS1005*/batch.Span.CopyTo(_staging);
            if (hasPending)
            {
                position += await pending;
            }

            pending = ring.WriteAtMostAsync(segmentFd, _staging.AsMemory(0, batch.Length), position, ct);
            hasPending = true;
        }

        if (hasPending)
        {
            position += await pending;
        }

        return position;
    }
}
