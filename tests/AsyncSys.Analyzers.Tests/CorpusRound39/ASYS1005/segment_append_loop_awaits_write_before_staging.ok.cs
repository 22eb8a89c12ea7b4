// The same appender that awaits the previous pass's write before it copies the next batch into the staging array: the
// array is never written while a write reads it.
using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round39.InFlight.SegmentAppendAwaitsFirst;

public sealed class SegmentAppender(IoRing ring, int segmentFd)
{
    private readonly byte[] _staging = new byte[1 << 20];

    public async Task<long> AppendAllAsync(IAsyncEnumerable<ReadOnlyMemory<byte>> batches, long position, CancellationToken ct)
    {
        ValueTask<int> pending = default;
        bool hasPending = false;
        await foreach (ReadOnlyMemory<byte> batch in batches.WithCancellation(ct))
        {
            if (hasPending)
            {
                position += await pending;
                hasPending = false;
            }

            batch.Span.CopyTo(_staging);
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
