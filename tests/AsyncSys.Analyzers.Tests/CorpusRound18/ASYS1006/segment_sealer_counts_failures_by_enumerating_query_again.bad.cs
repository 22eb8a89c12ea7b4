// A log pipeline seals a set of finished segment files by syncing them all at once: it builds a query of fdatasync tasks,
// awaits Task.WhenAll over it, and then counts the faulted ones from the same query. The query is lazy: counting runs it
// again and starts every fdatasync a second time, and the count looks at the new tasks (still running: never faulted), so
// failed segments are reported as sealed.
using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using AsyncSys;

namespace Round18.ValueTasks.SealerEnumeratesTwice;

public sealed class SegmentSealer(IoRing ring)
{
    public async Task<int> SealAsync(IReadOnlyList<int> segmentFds)
    {
        IEnumerable<Task> syncs = segmentFds.Select(fd => ring.FdatasyncAsync(fd).AsTask());
        try
        {
            await Task.WhenAll(syncs);
        }
        catch (ErrnoException)
        {
            // counted below
        }

        return /*~ASYS1006*/syncs.Count(t => t.IsFaulted);
    }
}
