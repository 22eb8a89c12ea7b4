// An HTTP server's keep-alive connection waits for the next request with a pooled buffer. On graceful shutdown an idle
// connection should not hold its buffer, so a callback on the stopping token returns it to the pool. The callback runs
// while the receive (started with the same token) is still in flight: a cancelled receive keeps its buffer until its
// completion arrives, so the kernel may write a late request into an array the pool has handed to another connection.
using System;
using System.Buffers;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round19.InFlight.KeepAliveShutdownCallback;

public sealed class KeepAliveConnection(IoRing ring, int socketFd, Func<ReadOnlyMemory<byte>, ValueTask> handle)
{
    public async Task ServeNextAsync(CancellationToken stopping)
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent(8192);
        bool returned = false;
        using CancellationTokenRegistration release = stopping.Register(() =>
        {
            returned = true;
            /*~ASYS1005*/ArrayPool<byte>.Shared.Return(buffer);
        });

        try
        {
            int n = await ring.ReceiveAsync(socketFd, buffer, MessageFlags.None, stopping);
            if (n > 0)
            {
                await handle(buffer.AsMemory(0, n));
            }
        }
        catch (OperationCanceledException)
        {
        }
        finally
        {
            release.Unregister();
            if (!returned)
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
    }
}
