// A GPIO pulse helper writes "1" to a line's sysfs value file, hands the write's ValueTask to a tracker that converts
// it to a Task for the shutdown drain, and then awaits the same ValueTask itself before writing "0". Two consumers of
// one ValueTask: whichever comes second observes a recycled source (an exception, or another write's completion), so
// the pulse either fails at random or ends before the line was actually raised.
using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round22.ValueTasks.PulseHandsOffThenAwaits;

public sealed class GpioPulser(IoRing ring)
{
    private static readonly byte[] s_high = "1"u8.ToArray();
    private static readonly byte[] s_low = "0"u8.ToArray();
    private readonly List<Task> _inFlight = new();

    private void Track(ValueTask write)
    {
        lock (_inFlight)
        {
            _inFlight.Add(write.AsTask());
        }
    }

    public async Task PulseAsync(int valueFd, TimeSpan width, CancellationToken ct)
    {
        ValueTask raise = ring.WriteAsync(valueFd, s_high, 0, ct);
        Track(raise);
        /*~ASYS1006*/await raise;
        await ring.DelayAsync(width, ct);
        await ring.WriteAsync(valueFd, s_low, 0, ct);
    }
}
