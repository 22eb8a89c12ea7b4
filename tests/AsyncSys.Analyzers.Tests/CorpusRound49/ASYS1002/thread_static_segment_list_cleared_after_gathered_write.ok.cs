// A journal appender gathers each batch's records into a list of segments the appender owns (one per appender, reused batch after batch, no allocation per write), and clears it after the write's await: the list is this appender's whatever thread it resumed on.
using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus49.GatherListOk;

internal sealed class JournalAppender(IoRing ring, int fd)
{
    private readonly List<ReadOnlyMemory<byte>> _segments = new(64);

    private long _offset;

    public async ValueTask AppendBatchAsync(IReadOnlyList<ReadOnlyMemory<byte>> records, CancellationToken ct)
    {
        List<ReadOnlyMemory<byte>> segments = _segments;
        long length = 0;
        foreach (ReadOnlyMemory<byte> record in records)
        {
            segments.Add(record);
            length += record.Length;
        }

        await ring.WriteAsync(fd, segments, _offset, ct).ConfigureAwait(false);
        _offset += length;
        segments.Clear();
    }
}
