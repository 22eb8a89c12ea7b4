// The segment reader's copy gets a read of its own in the `with` expression, started only after the first read came back short, so each ValueTask is awaited once.
using System;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus61.RecordWithPendingReadOk;

internal readonly record struct PendingRead(ValueTask<int> Read, long Offset, int Length);

internal sealed class SegmentReader(IoRing ring, int fd)
{
    public async Task<int> ReadRecordAsync(Memory<byte> record, long offset, CancellationToken ct)
    {
        var pending = new PendingRead(ring.ReadAsync(fd, record, offset, ct), offset, record.Length);
        int n = await pending.Read.ConfigureAwait(false);
        if (n > 0 && n < pending.Length)
        {
            var rest = pending with { Read = ring.ReadAsync(fd, record[n..], offset + n, ct), Offset = offset + n };
            n += await rest.Read.ConfigureAwait(false);
        }

        return n;
    }
}
