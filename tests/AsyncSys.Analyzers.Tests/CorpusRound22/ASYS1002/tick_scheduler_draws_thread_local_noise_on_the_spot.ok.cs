// The ambient ticker, made right: each draw takes the generator of the thread it runs on and keeps only the number.
// Nothing of the per-thread Random is carried across the await.
using System;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round22.PerThread.TickNoiseDrawnOnTheSpot;

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
        while (!ct.IsCancellationRequested)
        {
            int jitter = s_noise.Value!.Next(0, 8);
            await ring.DelayAsync(TimeSpan.FromMilliseconds(TickMs + jitter), ct);
            double wind = s_noise.Value!.NextDouble();
            world.ApplyWind(wind);
        }
    }
}
