// The exporter picks between two staging arrays of its own instance with the same switch expression, so the array stays the exporter's whichever thread the await foreach resumes on.
using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus59.SwitchThreadStaticScratchOk;

internal sealed class RecordExporter(IoRing ring, int fd)
{
    private byte[]? _small;
    private byte[]? _large;
    private long _offset;

    public async Task ExportAsync(IAsyncEnumerable<ReadOnlyMemory<byte>> chunks, int recordSize, CancellationToken ct)
    {
        byte[] scratch = recordSize switch
        {
            <= 4096 => _small ??= new byte[4096],
            _ => _large ??= new byte[1 << 20],
        };

        await foreach (ReadOnlyMemory<byte> chunk in chunks.WithCancellation(ct).ConfigureAwait(false))
        {
            int n = Math.Min(chunk.Length, recordSize);
            chunk.Span[..n].CopyTo(scratch);
            await ring.WriteAsync(fd, scratch.AsMemory(0, n), _offset, ct).ConfigureAwait(false);
            _offset += n;
        }
    }
}
