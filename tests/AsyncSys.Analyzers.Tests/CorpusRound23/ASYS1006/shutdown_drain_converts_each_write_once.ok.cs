// The same drain made right: each in-flight write is converted to a Task once when it starts; the drain races the
// tasks against the grace period and reads the results of those that completed (a Task may be read any number of
// times).
using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using AsyncSys;

namespace Round23.Observed.ShutdownDrainOnce;

public sealed class SegmentWriter(IoRing ring, int segmentFd)
{
    private readonly List<Task<int>> _inFlight = new();

    public void Append(ReadOnlyMemory<byte> batch, long position)
    {
        lock (_inFlight)
        {
            _inFlight.Add(ring.WriteAtMostAsync(segmentFd, batch, position).AsTask());
        }
    }

    public async Task<long> DrainAsync(TimeSpan grace)
    {
        Task<int>[] writes;
        lock (_inFlight)
        {
            writes = _inFlight.ToArray();
            _inFlight.Clear();
        }

        await Task.WhenAny(Task.WhenAll(writes), Task.Delay(grace));
        long written = 0;
        foreach (Task<int> write in writes)
        {
            if (write.IsCompletedSuccessfully)
            {
                written += write.Result;
            }
        }

        return written;
    }
}
