// A size indexer starts a statx for every entry of a directory, waits for all of them through AsTask(), then walks the
// list again awaiting each ValueTask for its size: AsTask() already consumed each one, and AsyncSys has recycled the
// source behind it, so the second await reads another operation's result or throws.
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round27.Observed.StatxBatchTwice;

public sealed class SizeIndexer(IoRing ring)
{
    public async Task<long> TotalSizeAsync(int dirFd, IReadOnlyList<string> names, CancellationToken ct)
    {
        var stats = new List<ValueTask<Statx>>(names.Count);
        foreach (string name in names)
        {
            stats.Add(ring.StatxAsync(dirFd, name, AtFlags.SymlinkNoFollow, StatxMask.FileSize, ct));
        }

        await Task.WhenAll(stats.Select(s => s.AsTask()));
        long total = 0;
        foreach (ValueTask<Statx> stat in stats)
        {
            Statx entry = /*~ASYS1006*/await stat;
            total += (long)entry.FileSize;
        }

        return total;
    }
}
