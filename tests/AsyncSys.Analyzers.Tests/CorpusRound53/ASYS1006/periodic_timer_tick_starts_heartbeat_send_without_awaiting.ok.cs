// A lobby's PeriodicTimer loop builds a fresh heartbeat frame on every tick and awaits its send before the next tick.
using System;
using System.Buffers.Binary;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus53.TimerTickDropOk;

internal sealed class LobbyHeartbeat(IoRing ring, int socket)
{
    public async Task RunAsync(CancellationToken ct)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(250));
        long tick = 0;
        while (await timer.WaitForNextTickAsync(ct).ConfigureAwait(false))
        {
            byte[] frame = new byte[12];
            BinaryPrimitives.WriteInt32LittleEndian(frame, 0x4842);
            BinaryPrimitives.WriteInt64LittleEndian(frame.AsSpan(4), ++tick);
            await ring.SendAsync(socket, frame, MessageFlags.None, ct).ConfigureAwait(false);
        }
    }
}
