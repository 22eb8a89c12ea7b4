// The tick flag, written right: it is a field of the game loop (one loop, one tick at a time), not per-thread storage,
// so clearing it after the awaited send clears the flag that was set.
using System;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round15.PerThread.GameTickFlagOnInstance;

public sealed class GameLoop(IoRing ring, int socketFd)
{
    private readonly byte[] _snapshot = new byte[1200];
    private bool _inTick;

    public bool InTick => _inTick;

    public async Task TickAsync(Action<Memory<byte>> simulate, CancellationToken ct)
    {
        _inTick = true;
        try
        {
            simulate(_snapshot);
            await ring.SendAsync(socketFd, _snapshot, MessageFlags.None, ct);
        }
        finally
        {
            _inTick = false;
        }
    }
}
