// The keep-alive wait made right: on timeout the receive is cancelled through its own token source and awaited to its
// end before the pooled buffer goes back; a datagram that won the race is kept. The caller's token reaches the
// receive through the linked source, so the wait ends only when the receive did.
using System;
using System.Buffers;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round33.InFlight.KeepaliveTimeoutAwaited;

public sealed class ServerLink(IoRing ring, int fd, TimeSpan keepAlive)
{
    public async Task<byte[]?> ReceiveOrIdleAsync(CancellationToken ct)
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent(1500);
        using var receiveCancel = CancellationTokenSource.CreateLinkedTokenSource(ct);
        Task<int> receive = ring.ReceiveAsync(fd, buffer, MessageFlags.None, receiveCancel.Token).AsTask();
        try
        {
            int n;
            try
            {
                n = await receive.WaitAsync(keepAlive);
            }
            catch (TimeoutException)
            {
                receiveCancel.Cancel();
                try
                {
                    n = await receive;
                }
                catch (OperationCanceledException)
                {
                    return null;
                }
            }

            return buffer.AsSpan(0, n).ToArray();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
