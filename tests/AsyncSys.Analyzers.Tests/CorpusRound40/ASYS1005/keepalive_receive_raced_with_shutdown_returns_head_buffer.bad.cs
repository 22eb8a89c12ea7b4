// A keep-alive connection waits for the next request head or the server's shutdown signal; when shutdown wins it returns the pooled head buffer and closes the socket, with the receive still posted into the buffer.
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
            Task<int> receive = ring.ReceiveAsync(socket, head, MessageFlags.None, ct).AsTask();
            if (await Task.WhenAny(receive, shutdown) == shutdown)
            {
                /*~ASYS1005*/ArrayPool<byte>.Shared.Return(head);
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
