// The segment sealer made right: the fdatasync tasks are materialized once with ToArray, so WhenAll and the failure count
// look at the same, single set of operations.
using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using AsyncSys;

namespace Round18.ValueTasks.SealerMaterializesOnce;

public sealed class SegmentSealer(IoRing ring)
{
    public async Task<int> SealAsync(IReadOnlyList<int> segmentFds)
    {
        Task[] syncs = segmentFds.Select(fd => ring.FdatasyncAsync(fd).AsTask()).ToArray();
        try
        {
            await Task.WhenAll(syncs);
        }
        catch (ErrnoException)
        {
            // counted below
        }

        return syncs.Count(t => t.IsFaulted);
    }
}
