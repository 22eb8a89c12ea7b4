// The same checkpoint with Parallel.ForEachAsync and an async body that awaits each segment's fdatasync once.
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round14.ValueTasks.CheckpointParallelAwaited;

public static class Checkpoint
{
    public static Task SyncAllAsync(IoRing ring, IReadOnlyList<int> segmentFds, CancellationToken ct)
    {
        return Parallel.ForEachAsync(segmentFds, ct, async (fd, token) => await ring.FdatasyncAsync(fd, token));
    }
}
