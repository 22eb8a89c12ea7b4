// A Redis client socket offers a synchronous Close() facade for synchronous callers; its own DisposeAsync sends QUIT and then awaits CloseAsync (ring shutdown and close).
using System;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus46.RedisCloseFacadeOk;

internal sealed class RedisSocket(IoRing ring, int fd) : IAsyncDisposable
{
    private static readonly byte[] Quit = "*1\r\n$4\r\nQUIT\r\n"u8.ToArray();

    public async ValueTask CloseAsync(CancellationToken ct = default)
    {
        await ring.ShutdownAsync(fd, SocketShutdown.Both, ct).ConfigureAwait(false);
        await ring.CloseAsync(fd, ct).ConfigureAwait(false);
    }

    public void Close() => CloseAsync().AsTask().Wait();

    public async ValueTask DisposeAsync()
    {
        await ring.SendAsync(fd, Quit, MessageFlags.None).ConfigureAwait(false);
        await CloseAsync().ConfigureAwait(false);
    }
}
