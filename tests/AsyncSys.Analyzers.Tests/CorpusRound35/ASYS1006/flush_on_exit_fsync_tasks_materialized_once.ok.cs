// The shutdown flush materializes the fdatasync tasks once with ToArray, awaits them, and counts failures on the array.
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using AsyncSys;

namespace Round35.Results.FlushTasksOnce;

public sealed class SpillShutdown(IoRing ring)
{
    public async Task<int> FlushAllAsync(IReadOnlyList<int> segmentFds)
    {
        Task[] syncs = segmentFds.Select(fd => ring.FdatasyncAsync(fd).AsTask()).ToArray();
        try
        {
            await Task.WhenAll(syncs);
        }
        catch (System.IO.IOException)
        {
        }

        return syncs.Count(t => t.IsFaulted);
    }
}
