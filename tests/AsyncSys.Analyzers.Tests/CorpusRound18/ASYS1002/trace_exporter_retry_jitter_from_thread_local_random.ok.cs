// A trace exporter retries a failed batch send with jittered backoff. The jitter comes from a ThreadLocal<Random> drawn
// in each iteration: only the number is kept, and it is as good from any thread, so resuming elsewhere changes nothing.
using System;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round18.PerThread.ExporterRetryJitter;

public sealed class BatchRetry(IoRing ring, int collectorSocket)
{
    private static readonly ThreadLocal<Random> s_jitter = new(() => new Random());

    public async Task<int> SendWithRetryAsync(ReadOnlyMemory<byte> batch, int attempts, CancellationToken ct)
    {
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                return await ring.SendAsync(collectorSocket, batch, MessageFlags.NoSignal, ct);
            }
            catch (ErrnoException) when (attempt < attempts)
            {
                int jitterMs = s_jitter.Value!.Next(0, 100);
                await ring.DelayAsync(TimeSpan.FromMilliseconds(50 * attempt + jitterMs), ct);
            }
        }
    }
}
