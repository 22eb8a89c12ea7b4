// The same retry loop starting a fresh send on every attempt: each ValueTask is awaited exactly once.
using System;
using System.IO;
using System.Threading.Tasks;
using AsyncSys;

namespace Round17.Unobserved.TelemetryRetryNewSend;

public sealed class TelemetryShipper(IoRing ring, int collectorFd)
{
    public async Task<int> ShipAsync(ReadOnlyMemory<byte> batch)
    {
        for (int attempt = 0; ; attempt++)
        {
            try
            {
                return await ring.SendAsync(collectorFd, batch);
            }
            catch (IOException) when (attempt < 3)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100 << attempt));
            }
        }
    }
}
