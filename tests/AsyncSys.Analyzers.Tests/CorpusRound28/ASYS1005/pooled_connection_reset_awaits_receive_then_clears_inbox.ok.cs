// The pooled connection's reset made right: the posted receive is cancelled and awaited first (a cancelled receive
// keeps its buffer until its completion arrives), and the inbox is wiped only after that, so nothing the kernel
// writes can reach the next tenant.
using System;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round28.InFlight.PooledConnectionResetAwaits;

public sealed class PooledConnection
{
    private readonly IoRing _ring;
    private readonly int _fd;
    private readonly byte[] _inbox = new byte[32 * 1024];
    private CancellationTokenSource _stop = new();
    private Task<int> _pendingReceive = Task.FromResult(0);

    public PooledConnection(IoRing ring, int fd)
    {
        _ring = ring;
        _fd = fd;
    }

    public void OnLeased()
    {
        _stop = new CancellationTokenSource();
        _pendingReceive = _ring.ReceiveAsync(_fd, _inbox, MessageFlags.None, _stop.Token).AsTask();
    }

    public async Task ResetAsync()
    {
        _stop.Cancel();
        try
        {
            await _pendingReceive;
        }
        catch (OperationCanceledException)
        {
            // Expected: the receive was cancelled because the connection is going back to the pool.
        }

        Array.Clear(_inbox);
        _stop.Dispose();
    }
}
