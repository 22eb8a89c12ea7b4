// A group commit writes the batch to the segment and starts fdatasync without awaiting it, then the caller acks the
// producers. The acks go out before the data is durable, and a failed fdatasync (EIO) is never seen: the broker
// acknowledges records it loses on a crash.
using System;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round23.Observed.GroupCommitFireAndForget;

public sealed class GroupCommit(IoRing ring, int segmentFd)
{
    public async Task CommitAsync(ReadOnlyMemory<byte> batch, long position, CancellationToken ct)
    {
        await ring.WriteAsync(segmentFd, batch, position, ct);
        /*~ASYS1006*/_ = ring.FdatasyncAsync(segmentFd, ct);
    }
}
