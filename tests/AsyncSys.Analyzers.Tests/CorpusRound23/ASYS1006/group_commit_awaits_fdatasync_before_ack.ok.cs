// The same group commit made right: fdatasync is awaited before the method returns and the producers are acked.
using System;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round23.Observed.GroupCommitAwaited;

public sealed class GroupCommit(IoRing ring, int segmentFd)
{
    public async Task CommitAsync(ReadOnlyMemory<byte> batch, long position, CancellationToken ct)
    {
        await ring.WriteAsync(segmentFd, batch, position, ct);
        await ring.FdatasyncAsync(segmentFd, ct);
    }
}
