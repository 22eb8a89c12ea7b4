// A broker connection rents its receive buffer before the loop and returns it in finally; an idle timeout raced with the receive breaks out of the loop while the receive is still posted.
using System;
using System.Buffers;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Broker.Connections;

public sealed class ConnectionLoop
{
    private static readonly TimeSpan IdleTimeout = TimeSpan.FromSeconds(30);

    private readonly IoRing _ring;
    private readonly int _socket;

    public ConnectionLoop(IoRing ring, int socket)
    {
        _ring = ring;
        _socket = socket;
    }

    public async Task<long> RunAsync(Func<ReadOnlyMemory<byte>, ValueTask> dispatch, CancellationToken ct)
    {
        long total = 0;
        byte[] buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            while (true)
            {
                Task<int> receive = _ring.ReceiveAsync(_socket, buffer, MessageFlags.None, ct).AsTask();
                Task winner = await Task.WhenAny(receive, Task.Delay(IdleTimeout, ct));
                if (winner != receive)
                {
                    break;
                }

                int n = await receive;
                if (n == 0)
                {
                    break;
                }

                total += n;
                await dispatch(buffer.AsMemory(0, n));
            }
        }
        finally
        {
            /*~ASYS1005*/ArrayPool<byte>.Shared.Return(buffer);
        }

        return total;
    }
}
