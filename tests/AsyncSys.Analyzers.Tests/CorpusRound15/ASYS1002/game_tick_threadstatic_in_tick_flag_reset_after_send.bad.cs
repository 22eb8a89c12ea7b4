// A game server marks "inside the simulation tick" in a [ThreadStatic] flag so entity code can assert it is not mutated
// from network callbacks. The tick sets the flag, awaits the snapshot send on the ring and clears it in a finally. The
// finally may run on another thread: it clears that thread's flag, the tick thread's flag stays set forever, and every
// later callback on that thread passes the "inside the tick" check and mutates entities mid-simulation.
using System;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round15.PerThread.GameTickFlag;

internal static class TickScope
{
    [ThreadStatic]
    internal static bool t_inTick;
}

public sealed class GameLoop(IoRing ring, int socketFd)
{
    private readonly byte[] _snapshot = new byte[1200];

    public async Task TickAsync(Action<Memory<byte>> simulate, CancellationToken ct)
    {
        TickScope.t_inTick = true;
        try
        {
            simulate(_snapshot);
            await ring.SendAsync(socketFd, _snapshot, MessageFlags.None, ct);
        }
        finally
        {
            /*~ASYS1002*/TickScope.t_inTick = false;
        }
    }
}
