// A record exporter's synchronous loop copied each record into one rented staging block and wrote it with RandomAccess.Write. The port fans the writes out with Task.WhenAll(records.Select(async record => ...)), every lambda still staging into the one block it captures: a lambda copies its record over the bytes another lambda's ring write is still sending.
using System;
using System.Buffers;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus57.WhenAllSharedBlockBad;

internal readonly record struct ExportRecord(long Offset, ReadOnlyMemory<byte> Payload);

internal sealed class Exporter(IoRing ring, int fd)
{
    public async Task ExportAsync(IReadOnlyList<ExportRecord> records, int maxRecord, CancellationToken ct)
    {
        byte[] block = ArrayPool<byte>.Shared.Rent(maxRecord);
        try
        {
            await Task.WhenAll(records.Select(async record =>
            {
                /*~ASYS1005*/record.Payload.Span.CopyTo(block);
                await ring.WriteAsync(fd, block.AsMemory(0, record.Payload.Length), record.Offset, ct).ConfigureAwait(false);
            })).ConfigureAwait(false);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(block);
        }
    }
}
