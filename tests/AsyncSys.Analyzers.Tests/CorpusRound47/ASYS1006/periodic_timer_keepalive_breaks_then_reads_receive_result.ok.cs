// A connection sends a keepalive on every PeriodicTimer tick while its receive has not completed; after the loop it reads Result only when the receive has completed, and awaits it otherwise.
using System;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus47.IdleReceiveOk;

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

        return receive.IsCompleted ? receive.Result : await receive.ConfigureAwait(false);
    }
}
