// A broker's checkpoint makes every open segment durable in parallel: Parallel.ForEach runs the ring's fdatasync for
// each segment and blocks on GetAwaiter().GetResult() of the ValueTask. A ValueTask backed by AsyncSys's pooled
// source does not support a blocking wait before it completes: GetResult on a pending one throws
// InvalidOperationException (or returns before the kernel completed), so the checkpoint either fails or records
// segments as durable that are not.
using System.Collections.Generic;
using System.Threading.Tasks;
using AsyncSys;

namespace Round14.ValueTasks.CheckpointParallelGetResult;

public static class Checkpoint
{
    public static void SyncAll(IoRing ring, IReadOnlyList<int> segmentFds)
    {
        Parallel.ForEach(segmentFds, fd =>
        {
            /*~ASYS1006*/ring.FdatasyncAsync(fd).GetAwaiter().GetResult();
        });
    }
}
