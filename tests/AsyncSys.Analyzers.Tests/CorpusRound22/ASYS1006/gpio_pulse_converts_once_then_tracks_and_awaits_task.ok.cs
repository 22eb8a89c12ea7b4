// The GPIO pulse helper, made right: the write's ValueTask is converted to a Task once; the tracker and the pulse both
// wait on that Task, which may be awaited any number of times.
using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round22.ValueTasks.PulseConvertsOnce;

public sealed class GpioPulser(IoRing ring)
{
    private static readonly byte[] s_high = "1"u8.ToArray();
    private static readonly byte[] s_low = "0"u8.ToArray();
    private readonly List<Task> _inFlight = new();

    private void Track(Task write)
    {
        lock (_inFlight)
        {
            _inFlight.Add(write);
        }
    }

    public async Task PulseAsync(int valueFd, TimeSpan width, CancellationToken ct)
    {
        Task raise = ring.WriteAsync(valueFd, s_high, 0, ct).AsTask();
        Track(raise);
        await raise;
        await ring.DelayAsync(width, ct);
        await ring.WriteAsync(valueFd, s_low, 0, ct);
    }
}
