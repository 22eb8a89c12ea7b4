// A connection sends a keepalive on every PeriodicTimer tick while its receive has not completed; when the timer is disposed (WaitForNextTickAsync returns false) the loop breaks and .Result is read from the receive's ValueTask, which may still be pending (a pooled operation's Result before completion is undefined).
using System;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus47.IdleReceiveBad;

/// <summary>A connection that sends a keepalive on every PeriodicTimer tick while a receive waits for the peer.</summary>
internal sealed class IdleConnection(IoRing ring, int socket)
{
    private static readonly byte[] s_keepAlive = [0x00];
    private readonly byte[] _buffer = new byte[8192];

    public async Task<int> ReceiveWithKeepAliveAsync(TimeSpan interval, CancellationToken ct)
    {
        using var timer = new PeriodicTimer(interval);
        ValueTask<int> receive = ring.ReceiveAsync(socket, _buffer, MessageFlags.None, ct);
        while (!receive.IsCompleted)
        {
            if (!await timer.WaitForNextTickAsync(ct).ConfigureAwait(false))
            {
                break;
            }

            await ring.SendAsync(socket, s_keepAlive, MessageFlags.None, ct).ConfigureAwait(false);
        }

        return receive./*~ASYS1006*/Result;
    }
}
