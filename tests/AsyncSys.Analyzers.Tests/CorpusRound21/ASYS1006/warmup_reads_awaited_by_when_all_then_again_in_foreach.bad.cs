// A cache-warming CLI command starts one read per file, waits for all of them with Task.WhenAll over AsTask(), then
// walks the same list of ValueTasks again with `await` to sum the bytes for its report. AsTask() already consumed each
// ValueTask; awaiting it again observes a recycled source (another operation's result, or an exception).
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round21.ValueTasks.WarmupAwaitsTwice;

public sealed class WarmupCommand(IoRing ring)
{
    public async Task<long> RunAsync(IReadOnlyList<int> fds, int blockSize, CancellationToken ct)
    {
        var reads = new List<ValueTask<int>>(fds.Count);
        foreach (int fd in fds)
        {
            reads.Add(ring.ReadAsync(fd, new byte[blockSize], 0, ct));
        }

        await Task.WhenAll(reads.Select(r => r.AsTask())).ConfigureAwait(false);

        long total = 0;
        foreach (ValueTask<int> read in reads)
        {
            total += /*~ASYS1006*/await read.ConfigureAwait(false);
        }

        return total;
    }
}
