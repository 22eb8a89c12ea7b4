// A record exporter ported to Task.WhenAll(records.Select(async record => ...)) rents a staging block in each lambda and returns it after that lambda's ring write has been awaited, so no two writes share a block.
using System;
using System.Buffers;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus57.WhenAllSharedBlockOk;

internal readonly record struct ExportRecord(long Offset, ReadOnlyMemory<byte> Payload);

internal sealed class Exporter(IoRing ring, int fd)
{
    public async Task ExportAsync(IReadOnlyList<ExportRecord> records, CancellationToken ct)
    {
        await Task.WhenAll(records.Select(async record =>
        {
            byte[] block = ArrayPool<byte>.Shared.Rent(record.Payload.Length);
            try
            {
                record.Payload.Span.CopyTo(block);
                await ring.WriteAsync(fd, block.AsMemory(0, record.Payload.Length), record.Offset, ct).ConfigureAwait(false);
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(block);
            }
        })).ConfigureAwait(false);
    }
}
