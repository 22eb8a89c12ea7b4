// A compaction step flushes each output segment in an async lambda that, after its awaited fdatasync, takes the ThreadLocal flush counters of the thread it resumed on and adds to them there.
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round44.CompactionStats;

public sealed class FlushCounters
{
    public long Syncs;
    public long Segments;
}

public sealed class Compactor
{
    private static readonly ThreadLocal<FlushCounters> s_counters = new(() => new FlushCounters(), trackAllValues: true);
    private readonly IoRing _ring;

    public Compactor(IoRing ring) => _ring = ring;

    public Task FlushSegmentsAsync(IReadOnlyList<int> segmentFds, CancellationToken ct)
    {
        return Task.WhenAll(segmentFds.Select(async fd =>
        {
            await _ring.FdatasyncAsync(fd, ct);
            FlushCounters counters = s_counters.Value!;
            counters.Syncs++;
            counters.Segments++;
        }));
    }
}
