// A keep-alive connection loop, when it ends, half-closes the socket with the ring's shutdown, drops that ValueTask and closes the socket right after, so the close may run before the shutdown and its error is lost.
using System;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace KeepAlive;

internal sealed class ConnectionLoop(IoRing ring, Func<int, ReadOnlyMemory<byte>, CancellationToken, ValueTask> handle)
{
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
            /*~ASYS1006*/_ = ring.ShutdownAsync(socket, SocketShutdown.Send);
            await ring.CloseAsync(socket);
        }
    }
}
