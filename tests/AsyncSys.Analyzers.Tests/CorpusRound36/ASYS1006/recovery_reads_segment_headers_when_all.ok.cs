// Recovery's header scan made right: every read is converted to a Task once and awaited together with Task.WhenAll,
// whose results are the byte counts; no ValueTask is consumed twice or before it completed.
using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round36.ValueTasks.RecoveryHeaderWhenAll;

public sealed class SegmentScanner(IoRing ring)
{
    public async Task<int> CountValidAsync(int[] segmentFds, byte[][] headers, CancellationToken ct)
    {
        Task<int>[] reads = new Task<int>[segmentFds.Length];
        for (int i = 0; i < segmentFds.Length; i++)
        {
            reads[i] = ring.ReadAsync(segmentFds[i], headers[i].AsMemory(0, 64), 0, ct).AsTask();
        }

        int[] lengths = await Task.WhenAll(reads);
        return Enumerable.Range(0, lengths.Length).Count(i => lengths[i] == 64 && headers[i][0] == 0x57);
    }
}
