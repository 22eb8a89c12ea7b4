// A batch loader starts one ring read per sample, waits for all of them through AsTask, then sums the lengths by
// reading each ValueTask's Result. AsTask already consumed each ValueTask; the Result reads a recycled source, so the
// batch size is wrong (or the loader throws) on every batch.
using System;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round20.ValueTasks.BatchResultAfterAsTask;

public sealed class BatchLoader(IoRing ring, int shardFd)
{
    public async Task<long> LoadBatchAsync(long[] offsets, byte[][] samples, CancellationToken ct)
    {
        var reads = new ValueTask<int>[offsets.Length];
        var waits = new Task<int>[offsets.Length];
        for (int i = 0; i < offsets.Length; i++)
        {
            reads[i] = ring.ReadAsync(shardFd, samples[i], offsets[i], ct);
            waits[i] = reads[i].AsTask();
        }

        await Task.WhenAll(waits);
        long total = 0;
        for (int i = 0; i < reads.Length; i++)
        {
            total += /*~ASYS1006*/reads[i].Result;
        }

        return total;
    }
}
