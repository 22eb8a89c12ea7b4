using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using AsyncSys;

namespace Round4.Observed.WhenAllOnce;

internal static class Checkpoint
{
    public static async Task SyncAllAsync(IoRing ring, IReadOnlyList<int> fds)
    {
        Task[] syncs = fds.Select(fd => ring.FsyncAsync(fd).AsTask()).ToArray();   // each converted once
        await Task.WhenAll(syncs);
    }
}
