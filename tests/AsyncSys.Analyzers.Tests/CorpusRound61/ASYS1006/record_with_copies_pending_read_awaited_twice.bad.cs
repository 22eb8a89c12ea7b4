// A segment reader keeps its pending read in a record struct with the read's ValueTask and offset. To go on at the next offset after a short read it makes a copy with `with { Offset = ... }`, which copies the ValueTask too, awaits the original's task and then, after a short read, the copy's: the same ValueTask is awaited twice, and its pooled source may already be serving another operation.
using System;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus61.RecordWithPendingReadBad;

internal readonly record struct PendingRead(ValueTask<int> Read, long Offset, int Length);

internal sealed class SegmentReader(IoRing ring, int fd)
{
    public async Task<int> ReadRecordAsync(Memory<byte> record, long offset, CancellationToken ct)
    {
        var pending = new PendingRead(ring.ReadAsync(fd, record, offset, ct), offset, record.Length);
        var rest = pending with { Offset = offset + record.Length };
        int n = await pending.Read.ConfigureAwait(false);
        if (n > 0 && n < pending.Length)
        {
            n += await /*~ASYS1006*/rest.Read.ConfigureAwait(false);
        }

        return n;
    }
}
