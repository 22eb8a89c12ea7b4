// A keep-alive connection waits for the next request head or the server's shutdown signal; when shutdown wins it cancels the receive and awaits its end before returning the pooled head buffer and closing the socket.
using System;
using System.Buffers;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace KeepAlive;

internal sealed class KeepAliveConnection(IoRing ring, Func<int, ReadOnlyMemory<byte>, CancellationToken, ValueTask> dispatch)
{
    public async Task RunAsync(int socket, Task shutdown, CancellationToken ct)
    {
        byte[] head = ArrayPool<byte>.Shared.Rent(8192);
        while (true)
        {
            using var receiveCancel = CancellationTokenSource.CreateLinkedTokenSource(ct);
            Task<int> receive = ring.ReceiveAsync(socket, head, MessageFlags.None, receiveCancel.Token).AsTask();
            if (await Task.WhenAny(receive, shutdown) == shutdown)
            {
                receiveCancel.Cancel();
                try
                {
                    await receive;
                }
                catch (OperationCanceledException)
                {
                }

                ArrayPool<byte>.Shared.Return(head);
                await ring.CloseAsync(socket);
                return;
            }

            int n = await receive;
            if (n == 0)
            {
                break;
            }

            await dispatch(socket, head.AsMemory(0, n), ct);
        }

        ArrayPool<byte>.Shared.Return(head);
        await ring.CloseAsync(socket);
    }
}
