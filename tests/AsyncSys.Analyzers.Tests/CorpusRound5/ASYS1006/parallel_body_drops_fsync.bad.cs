using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round5.Observed.ParallelBody;

internal static class Durability
{
    public static Task SyncAllAsync(IoRing ring, IEnumerable<int> fds, CancellationToken cancellationToken) =>
        Parallel.ForEachAsync(fds, cancellationToken, (fd, ct) =>
        {
            /*~ASYS1006*/ring.FsyncAsync(fd, ct);   // started, never awaited: SyncAllAsync ends before the data is durable
            return ValueTask.CompletedTask;
        });
}
