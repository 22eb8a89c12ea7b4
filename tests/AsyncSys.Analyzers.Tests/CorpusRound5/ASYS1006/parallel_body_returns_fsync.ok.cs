using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round5.Observed.ParallelBodyOk;

internal static class Durability
{
    public static Task SyncAllAsync(IoRing ring, IEnumerable<int> fds, CancellationToken cancellationToken) =>
        Parallel.ForEachAsync(fds, cancellationToken, (fd, ct) => ring.FsyncAsync(fd, ct));   // the body's task is Parallel's to await
}
