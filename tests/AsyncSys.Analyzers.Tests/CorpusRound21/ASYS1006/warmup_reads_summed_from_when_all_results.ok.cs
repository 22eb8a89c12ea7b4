// The same cache-warming command, written right: each ValueTask is consumed once, by AsTask() inside Task.WhenAll,
// and the report sums the counts WhenAll returns.
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round21.ValueTasks.WarmupSumsWhenAll;

public sealed class WarmupCommand(IoRing ring)
{
    public async Task<long> RunAsync(IReadOnlyList<int> fds, int blockSize, CancellationToken ct)
    {
        var reads = new List<ValueTask<int>>(fds.Count);
        foreach (int fd in fds)
        {
            reads.Add(ring.ReadAsync(fd, new byte[blockSize], 0, ct));
        }

        int[] counts = await Task.WhenAll(reads.Select(r => r.AsTask())).ConfigureAwait(false);
        return counts.Sum(c => (long)c);
    }
}
