// A backup's finishing step starts an fdatasync for each pack file, waits for all of them through AsTask, and then
// sums the results for the progress report by reading .Result of the original ValueTasks. AsTask already consumed
// each one: the second consumption reads recycled sources, so the report throws or shows figures of other operations.
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using AsyncSys;

namespace Round24.ValueTasks.BackupSyncResultAfterAsTask;

public static class PackFinisher
{
    public static async Task<int> FinishAsync(IoRing ring, IReadOnlyList<int> packFds, IReadOnlyList<byte[]> trailers)
    {
        var writes = new List<ValueTask<int>>();
        for (int i = 0; i < packFds.Count; i++)
        {
            writes.Add(ring.SubmitAsync(RingRequest.Write(packFds[i], trailers[i], -1)));
        }

        await Task.WhenAll(writes.Select(w => w.AsTask()));
        return writes.Sum(w => /*~ASYS1006*/w.Result);
    }
}
