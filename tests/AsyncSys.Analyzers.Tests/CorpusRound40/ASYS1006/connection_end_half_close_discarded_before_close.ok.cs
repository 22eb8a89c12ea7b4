// A keep-alive connection loop, when it ends, half-closes the socket with the ring's shutdown and awaits it (a peer that already left is ignored) before closing the socket.
using System;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace KeepAlive;

internal sealed class ConnectionLoop(IoRing ring, Func<int, ReadOnlyMemory<byte>, CancellationToken, ValueTask> handle)
{
    private const int ENOTCONN = 107;

    public async Task ServeAsync(int socket, CancellationToken ct)
    {
        byte[] buffer = new byte[8192];
        try
        {
            while (true)
            {
                int n = await ring.ReceiveAsync(socket, buffer, MessageFlags.None, ct);
                if (n == 0)
                {
                    break;
                }

                await handle(socket, buffer.AsMemory(0, n), ct);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
        finally
        {
            try
            {
                await ring.ShutdownAsync(socket, SocketShutdown.Send);
            }
            catch (ErrnoException e) when (e.Errno == ENOTCONN)
            {
            }

            await ring.CloseAsync(socket);
        }
    }
}
