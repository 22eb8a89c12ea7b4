// On shutdown a segment writer drains its in-flight writes: it races them all (through AsTask) against a grace period,
// then awaits each ValueTask again to add up the bytes written. Each ValueTask was already consumed by AsTask; AsyncSys
// recycles the source behind it, so the second await observes another operation's result or throws.
using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using AsyncSys;

namespace Round23.Observed.ShutdownDrainTwice;

public sealed class SegmentWriter(IoRing ring, int segmentFd)
{
    private readonly List<ValueTask<int>> _inFlight = new();

    public void Append(ReadOnlyMemory<byte> batch, long position)
    {
        lock (_inFlight)
        {
            _inFlight.Add(ring.WriteAtMostAsync(segmentFd, batch, position));
        }
    }

    public async Task<long> DrainAsync(TimeSpan grace)
    {
        ValueTask<int>[] writes;
        lock (_inFlight)
        {
            writes = _inFlight.ToArray();
            _inFlight.Clear();
        }

        Task all = Task.WhenAll(writes.Select(write => write.AsTask()));
        await Task.WhenAny(all, Task.Delay(grace));
        long written = 0;
        foreach (ValueTask<int> write in writes)
        {
            written += /*~ASYS1006*/await write;
        }

        return written;
    }
}
