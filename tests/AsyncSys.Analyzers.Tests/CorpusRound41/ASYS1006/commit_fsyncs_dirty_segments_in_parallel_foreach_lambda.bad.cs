// An index commit makes every dirty segment durable with Parallel.ForEach, whose lambda starts the ring's fsync and drops its ValueTask, then writes the commit point as if they were synced.
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
        Parallel.ForEach(dirty, segment => /*~ASYS1006*/_ring.FsyncAsync(segment.Fd));
        await _ring.WriteAsync(commitFd, commitPoint, 0, ct);
        await _ring.FsyncAsync(commitFd, ct);
    }
}
