// A security agent ships telemetry to its collector with a Polly-like retry loop: on a transient failure it waits with
// backoff and tries again. The send's ValueTask is created once, before the loop, and the retry awaits that same
// ValueTask again instead of starting a new send. AsyncSys has recycled its source by then: the retry observes another
// operation's result (or throws), and the batch is reported as shipped when it never was.
using System;
using System.IO;
using System.Threading.Tasks;
using AsyncSys;

namespace Round17.Unobserved.TelemetryRetrySameSend;

public sealed class TelemetryShipper(IoRing ring, int collectorFd)
{
    public async Task<int> ShipAsync(ReadOnlyMemory<byte> batch)
    {
        ValueTask<int> send = ring.SendAsync(collectorFd, batch);
        for (int attempt = 0; ; attempt++)
        {
            try
            {
                return /*~ASYS1006*/await send;
            }
            catch (IOException) when (attempt < 3)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100 << attempt));
            }
        }
    }
}
