// A record exporter picks its staging array with a switch expression over the record size: a small or a large [ThreadStatic] scratch, made on first use. It then copies each chunk an async iterator yields into that array and writes it with the ring. The hidden awaits of the await foreach resume the loop on other pool threads, while the array still belongs to the thread that started the export: another exporter running on that thread picks the same array and overwrites it between the copy and the write.
using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus59.SwitchThreadStaticScratchBad;

internal sealed class RecordExporter(IoRing ring, int fd)
{
    [ThreadStatic]
    private static byte[]? t_small;

    [ThreadStatic]
    private static byte[]? t_large;

    private long _offset;

    public async Task ExportAsync(IAsyncEnumerable<ReadOnlyMemory<byte>> chunks, int recordSize, CancellationToken ct)
    {
        byte[] scratch = recordSize switch
        {
            <= 4096 => t_small ??= new byte[4096],
            _ => t_large ??= new byte[1 << 20],
        };

        await foreach (ReadOnlyMemory<byte> chunk in chunks.WithCancellation(ct).ConfigureAwait(false))
        {
            int n = Math.Min(chunk.Length, recordSize);
            chunk.Span[..n].CopyTo(/*~ASYS1002*/scratch);
            await ring.WriteAsync(fd, scratch.AsMemory(0, n), _offset, ct).ConfigureAwait(false);
            _offset += n;
        }
    }
}
