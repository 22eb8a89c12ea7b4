// The journal's retry record gets a write of its own in the `with` expression, started only after the first write came back short, so each ValueTask is awaited once.
using System;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus61.RecordWithPendingWriteOk;

internal readonly record struct PendingWrite(ValueTask<int> Write, long Offset, int Length);

internal sealed class Journal(IoRing ring, int fd)
{
    public async Task<int> AppendAsync(ReadOnlyMemory<byte> record, long offset, CancellationToken ct)
    {
        var pending = new PendingWrite(ring.WriteAsync(fd, record, offset, ct), offset, record.Length);
        int n = await pending.Write.ConfigureAwait(false);
        if (n < pending.Length)
        {
            var retry = pending with { Write = ring.WriteAsync(fd, record[n..], offset + n, ct), Offset = offset + n };
            n += await retry.Write.ConfigureAwait(false);
        }

        return n;
    }
}
