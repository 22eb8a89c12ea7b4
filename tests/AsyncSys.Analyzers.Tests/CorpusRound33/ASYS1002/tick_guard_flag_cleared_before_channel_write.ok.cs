// The tick guard made right: the [ThreadStatic] flag is set and cleared around the simulation step alone, on one
// side of the awaited channel write, so it always describes the thread that runs the step.
using System;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;

namespace Round33.PerThread.TickGuardFlagCleared;

public interface IWorld
{
    void Step(TimeSpan dt);
    byte[] Snapshot();
}

public sealed class GameLoop(IWorld world, Channel<byte[]> outbound, TimeSpan tick)
{
    [ThreadStatic] private static bool t_inTick;

    public static bool InTick => t_inTick;

    public async Task RunAsync(CancellationToken ct)
    {
        using var timer = new PeriodicTimer(tick);
        while (await timer.WaitForNextTickAsync(ct))
        {
            t_inTick = true;
            byte[] snapshot;
            try
            {
                world.Step(tick);
                snapshot = world.Snapshot();
            }
            finally
            {
                t_inTick = false;
            }

            await outbound.Writer.WriteAsync(snapshot, ct);
        }
    }
}
