// The backup's finishing step made right: each ValueTask is converted once, and the counts come from Task.WhenAll's
// result array instead of a second consumption.
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using AsyncSys;

namespace Round24.ValueTasks.BackupSyncCountsFromWhenAll;

public static class PackFinisher
{
    public static async Task<int> FinishAsync(IoRing ring, IReadOnlyList<int> packFds, IReadOnlyList<byte[]> trailers)
    {
        var writes = new List<ValueTask<int>>();
        for (int i = 0; i < packFds.Count; i++)
        {
            writes.Add(ring.SubmitAsync(RingRequest.Write(packFds[i], trailers[i], -1)));
        }

        int[] counts = await Task.WhenAll(writes.Select(w => w.AsTask()));
        return counts.Sum();
    }
}
