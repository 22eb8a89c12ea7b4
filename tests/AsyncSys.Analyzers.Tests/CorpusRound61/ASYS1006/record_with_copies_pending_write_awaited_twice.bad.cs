// A journal keeps its pending write in a record struct with the write's ValueTask and offset. To retry at the next offset it makes a copy with `with { Offset = ... }`, which copies the ValueTask too, then awaits the original's task and, after a short write, the copy's: the same ValueTask is awaited twice, and its pooled source may already be serving another operation.
using System;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus61.RecordWithPendingWriteBad;

internal readonly record struct PendingWrite(ValueTask<int> Write, long Offset, int Length);

internal sealed class Journal(IoRing ring, int fd)
{
    public async Task<int> AppendAsync(ReadOnlyMemory<byte> record, long offset, CancellationToken ct)
    {
        var pending = new PendingWrite(ring.WriteAsync(fd, record, offset, ct), offset, record.Length);
        var retry = pending with { Offset = offset + record.Length };
        int n = await pending.Write.ConfigureAwait(false);
        if (n < pending.Length)
        {
            n += await /*~ASYS1006*/retry.Write.ConfigureAwait(false);
        }

        return n;
    }
}
