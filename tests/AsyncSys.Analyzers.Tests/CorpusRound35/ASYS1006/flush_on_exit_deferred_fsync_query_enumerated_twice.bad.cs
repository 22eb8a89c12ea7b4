// On shutdown the spill queue fsyncs every open segment with a LINQ query of AsTask() calls, awaits Task.WhenAll of it,
// then counts failures with the same query. The query is enumerated again: every fdatasync is started a second time
// and the count looks at the new tasks, not the ones awaited.
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using AsyncSys;

namespace Round35.Results.FlushQueryTwice;

public sealed class SpillShutdown(IoRing ring)
{
    public async Task<int> FlushAllAsync(IReadOnlyList<int> segmentFds)
    {
        IEnumerable<Task> syncs = segmentFds.Select(fd => ring.FdatasyncAsync(fd).AsTask());
        try
        {
            await Task.WhenAll(syncs);
        }
        catch (System.IO.IOException)
        {
        }

        return /*~ASYS1006*/syncs.Count(t => t.IsFaulted);
    }
}
