// A game loop marks "inside the simulation step" in a [ThreadStatic] flag (state setters assert it, so network code
// cannot mutate the world off-tick), then hands the snapshot to the sender channel with an await before clearing the
// flag. When the channel is full the loop resumes on another thread: it clears that thread's flag, and the first thread
// keeps it set, so its later off-tick mutations pass the assertion.
using System;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;

namespace Round33.PerThread.TickGuardFlag;

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
            world.Step(tick);
            await outbound.Writer.WriteAsync(world.Snapshot(), ct);
            /*~ASYS1002*/t_inTick = false;
        }
    }
}
