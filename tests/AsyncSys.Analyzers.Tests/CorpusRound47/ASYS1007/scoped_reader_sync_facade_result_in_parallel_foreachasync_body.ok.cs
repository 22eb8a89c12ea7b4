// A catalog counts records of every segment in parallel with Parallel.ForEachAsync, each body with its own scoped reader; the async body awaits the reader's ReadRecordCountAsync.
using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus47.ScopedSegmentReaderOk;

/// <summary>Registered as a scoped service: each request scope gets its own reader and header buffer.</summary>
internal sealed class SegmentReader(IoRing ring, int fd)
{
    private readonly byte[] _header = new byte[64];

    public int Fd => fd;

    private ValueTask<int> ReadAtAsync(Memory<byte> buffer, long offset, CancellationToken ct) =>
        ring.ReadAsync(fd, buffer, offset, ct);

    public async ValueTask<long> ReadRecordCountAsync(CancellationToken ct = default)
    {
        int n = await ReadAtAsync(_header, 0, ct).ConfigureAwait(false);
        return n < 16 ? 0 : BinaryPrimitives.ReadInt64LittleEndian(_header.AsSpan(8));
    }

    /// <summary>For callers that cannot await (configuration binding, sync health checks).</summary>
    public long ReadRecordCount() => ReadRecordCountAsync().AsTask().Result;
}

internal sealed class SegmentCatalog(Func<int, SegmentReader> createScopedReader)
{
    public async Task<long> CountAllAsync(IReadOnlyList<int> segmentFds, CancellationToken ct)
    {
        long total = 0;
        await Parallel.ForEachAsync(segmentFds, ct, async (segmentFd, token) =>
        {
            SegmentReader reader = createScopedReader(segmentFd);
            await Task.Yield();
            long count = await reader.ReadRecordCountAsync(token).ConfigureAwait(false);
            Interlocked.Add(ref total, count);
        }).ConfigureAwait(false);
        return total;
    }
}
