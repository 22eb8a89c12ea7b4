// A client connection waits for the server's next datagram with a keep-alive timeout: on TimeoutException it returns
// the pooled buffer and tells the caller to send a keep-alive. WaitAsync only stopped waiting; the receive is still
// posted and writes the next server datagram into an array the pool has since handed to the input encoder.
using System;
using System.Buffers;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round33.InFlight.KeepaliveTimeout;

public sealed class ServerLink(IoRing ring, int fd, TimeSpan keepAlive)
{
    public async Task<byte[]?> ReceiveOrIdleAsync(CancellationToken ct)
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent(1500);
        Task<int> receive = ring.ReceiveAsync(fd, buffer, MessageFlags.None, ct).AsTask();
        int n;
        try
        {
            n = await receive.WaitAsync(keepAlive, ct);
        }
        catch (TimeoutException)
        {
            /*~ASYS1005*/ArrayPool<byte>.Shared.Return(buffer);
            return null;
        }

        byte[] datagram = buffer.AsSpan(0, n).ToArray();
        ArrayPool<byte>.Shared.Return(buffer);
        return datagram;
    }
}
