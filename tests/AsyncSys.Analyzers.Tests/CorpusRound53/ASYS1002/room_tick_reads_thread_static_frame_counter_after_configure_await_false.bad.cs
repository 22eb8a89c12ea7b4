// A room's tick, pumped on the game thread, reads the game thread's [ThreadStatic] frame counter, sends the room's snapshot with ConfigureAwait(false) and after the await records the acknowledged frame from the same [ThreadStatic] field, now read on the pool thread the send completed on (whose counter is zero).
using System;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus53.FrameCounterBad;

internal static class GameThread
{
    /// <summary>The frame the game thread is on; other threads never advance theirs.</summary>
    [ThreadStatic]
    internal static int t_frame;

    internal static void Advance() => t_frame++;
}

internal sealed class Room(IoRing ring, int socket)
{
    private readonly byte[] _snapshot = new byte[1200];
    private readonly int[] _sentFrames = new int[64];

    public async Task TickAsync(CancellationToken ct)
    {
        int frame = GameThread.t_frame;
        BitConverter.TryWriteBytes(_snapshot, frame);
        await ring.SendAsync(socket, _snapshot, MessageFlags.None, ct).ConfigureAwait(false);
        _sentFrames[frame % _sentFrames.Length] = /*~ASYS1002*/GameThread.t_frame;
    }
}
