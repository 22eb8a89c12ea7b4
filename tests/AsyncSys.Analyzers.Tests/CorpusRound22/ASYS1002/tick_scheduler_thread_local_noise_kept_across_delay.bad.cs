// A game server's ambient-world ticker adds jitter and wind noise from a per-thread Random (ThreadLocal, because
// Random is not thread-safe). It takes the thread's generator once, before the tick loop, and keeps using it after
// each awaited ring delay: the continuation runs on another pool thread while the first thread's own users draw from
// the same Random, and concurrent Next calls corrupt its state (it starts returning 0 forever).
using System;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round22.PerThread.TickNoiseKeptAcrossDelay;

public interface IWorld
{
    void ApplyWind(double strength);
}

public sealed class AmbientTicker(IoRing ring, IWorld world)
{
    private static readonly ThreadLocal<Random> s_noise = new(() => new Random());
    private const int TickMs = 50;

    public async Task RunAsync(CancellationToken ct)
    {
        Random noise = s_noise.Value!;
        while (!ct.IsCancellationRequested)
        {
            int jitter = noise.Next(0, 8);
            await ring.DelayAsync(TimeSpan.FromMilliseconds(TickMs + jitter), ct);
            world.ApplyWind(/*~ASYS1002*/noise.NextDouble());
        }
    }
}
