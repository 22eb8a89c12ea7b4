// A broker connection rents its receive buffer before the loop and returns it in finally; on an idle timeout it cancels the receive and waits for it to end before breaking out.
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
                using var idle = CancellationTokenSource.CreateLinkedTokenSource(ct);
                Task<int> receive = _ring.ReceiveAsync(_socket, buffer, MessageFlags.None, idle.Token).AsTask();
                Task winner = await Task.WhenAny(receive, Task.Delay(IdleTimeout, ct));
                if (winner != receive)
                {
                    idle.Cancel();
                    try
                    {
                        await receive;
                    }
                    catch (OperationCanceledException)
                    {
                    }

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
            ArrayPool<byte>.Shared.Return(buffer);
        }

        return total;
    }
}
