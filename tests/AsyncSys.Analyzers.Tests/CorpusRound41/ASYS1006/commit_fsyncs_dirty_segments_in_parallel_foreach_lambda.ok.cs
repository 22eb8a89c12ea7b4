// An index commit makes every dirty segment durable with Parallel.ForEachAsync, whose async lambda awaits each ring fsync, before it writes the commit point.
using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Search.Index;

public sealed record DirtySegment(string Name, int Fd);

public sealed class IndexCommitter
{
    private readonly IoRing _ring;

    public IndexCommitter(IoRing ring) => _ring = ring;

    public async Task CommitAsync(IReadOnlyList<DirtySegment> dirty, int commitFd, ReadOnlyMemory<byte> commitPoint, CancellationToken ct)
    {
        await Parallel.ForEachAsync(dirty, ct, async (segment, token) => await _ring.FsyncAsync(segment.Fd, token));
        await _ring.WriteAsync(commitFd, commitPoint, 0, ct);
        await _ring.FsyncAsync(commitFd, ct);
    }
}
