// A metrics exporter stages a batch through IBufferWriter<byte> into an ArrayBufferWriter, starts the ring write of its WrittenMemory, awaits the write, and only then resets the writer and stages the next batch's header into the same array.
using System;
using System.Buffers;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus52.StagingRefillOk;

internal sealed class MetricsExporter(IoRing ring, int fd)
{
    private readonly ArrayBufferWriter<byte> _staging = new(64 * 1024);
    private long _offset;

    private static void Stage(IBufferWriter<byte> writer, IReadOnlyList<double> samples)
    {
        Span<byte> span = writer.GetSpan(4 + 8 * samples.Count);
        BinaryPrimitives.WriteInt32LittleEndian(span, samples.Count);
        for (int i = 0; i < samples.Count; i++)
        {
            BinaryPrimitives.WriteDoubleLittleEndian(span[(4 + 8 * i)..], samples[i]);
        }

        writer.Advance(4 + 8 * samples.Count);
    }

    public async Task ExportAsync(IReadOnlyList<double> batch, IReadOnlyList<double> next, CancellationToken ct)
    {
        Stage(_staging, batch);
        ValueTask write = ring.WriteAsync(fd, _staging.WrittenMemory, _offset, ct);
        _offset += _staging.WrittenCount;
        await write.ConfigureAwait(false);
        _staging.ResetWrittenCount();
        BinaryPrimitives.WriteInt32LittleEndian(_staging.GetSpan(4), next.Count);
        _staging.Advance(4);
    }
}
