// A journal appender gathers each batch's records into a [ThreadStatic] list of segments reused by every appender on the thread (one gathered write per batch, no list allocation), and clears the list after the write's await: on the thread it resumed on, that is another appender's list, maybe mid-batch.
using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus49.GatherListBad;

internal sealed class JournalAppender(IoRing ring, int fd)
{
    [ThreadStatic]
    private static List<ReadOnlyMemory<byte>>? t_segments;

    private long _offset;

    public async ValueTask AppendBatchAsync(IReadOnlyList<ReadOnlyMemory<byte>> records, CancellationToken ct)
    {
        List<ReadOnlyMemory<byte>> segments = t_segments ??= new List<ReadOnlyMemory<byte>>(64);
        long length = 0;
        foreach (ReadOnlyMemory<byte> record in records)
        {
            segments.Add(record);
            length += record.Length;
        }

        await ring.WriteAsync(fd, segments, _offset, ct).ConfigureAwait(false);
        _offset += length;
        /*~ASYS1002*/segments.Clear();
    }
}
