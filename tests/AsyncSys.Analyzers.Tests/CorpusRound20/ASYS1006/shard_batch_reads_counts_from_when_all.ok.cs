// The same batch loader keeping the Tasks AsTask made: each ValueTask is consumed once, and a completed Task's Result
// may be read as often as needed.
using System;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round20.ValueTasks.BatchCountsFromWhenAll;

public sealed class BatchLoader(IoRing ring, int shardFd)
{
    public async Task<long> LoadBatchAsync(long[] offsets, byte[][] samples, CancellationToken ct)
    {
        var waits = new Task<int>[offsets.Length];
        for (int i = 0; i < offsets.Length; i++)
        {
            waits[i] = ring.ReadAsync(shardFd, samples[i], offsets[i], ct).AsTask();
        }

        await Task.WhenAll(waits);
        long total = 0;
        for (int i = 0; i < waits.Length; i++)
        {
            total += waits[i].Result;
        }

        return total;
    }
}
