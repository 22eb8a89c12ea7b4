// A telemetry exporter spreads its heartbeats with a jitter drawn from a per-thread Random (ThreadLocal, so no lock).
// The jitter is drawn into an int before the await and only that number is used after it: a number means the same on
// any thread, and the ThreadLocal is not touched after the await. (Unsure label: a value derived from per-thread state.)
using System;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round15.PerThread.HeartbeatJitter;

public sealed class HeartbeatExporter(IoRing ring, int socketFd)
{
    private static readonly ThreadLocal<Random> s_random = new(() => new Random());
    private readonly byte[] _heartbeat = new byte[32];

    public async Task RunAsync(TimeSpan period, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            int jitterMs = s_random.Value!.Next(0, 50);
            await ring.SendAsync(socketFd, _heartbeat, MessageFlags.None, ct);
            await ring.DelayAsync(period + TimeSpan.FromMilliseconds(jitterMs), ct);
        }
    }
}
