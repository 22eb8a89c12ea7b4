// A compaction step takes this thread's ThreadLocal flush counters once and captures them in the async lambda that flushes each output segment; the lambda adds to them after its awaited fdatasync, on whatever thread resumed it, racing the owner thread's own updates.
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
        FlushCounters counters = s_counters.Value!;
        return Task.WhenAll(segmentFds.Select(async fd =>
        {
            await _ring.FdatasyncAsync(fd, ct);
            /*~ASYS1002*/counters.Syncs++;
            counters.Segments++;
        }));
    }
}
