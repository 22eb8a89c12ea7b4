// The same size indexer converting each statx to a Task once, materialized in an array, and summing the results WhenAll
// returns: every ValueTask is consumed exactly once.
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round27.Observed.StatxBatchOnce;

public sealed class SizeIndexer(IoRing ring)
{
    public async Task<long> TotalSizeAsync(int dirFd, IReadOnlyList<string> names, CancellationToken ct)
    {
        Task<Statx>[] stats = names
            .Select(name => ring.StatxAsync(dirFd, name, AtFlags.SymlinkNoFollow, StatxMask.FileSize, ct).AsTask())
            .ToArray();
        Statx[] entries = await Task.WhenAll(stats);
        return entries.Sum(entry => (long)entry.FileSize);
    }
}
