// A room's tick, pumped on the game thread, reads the game thread's [ThreadStatic] frame counter into a local, sends the room's snapshot with ConfigureAwait(false) and after the await records the frame the snapshot belonged to from the local (a number, whichever thread uses it).
using System;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus53.FrameCounterOk;

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
        _sentFrames[frame % _sentFrames.Length] = frame;
    }
}
