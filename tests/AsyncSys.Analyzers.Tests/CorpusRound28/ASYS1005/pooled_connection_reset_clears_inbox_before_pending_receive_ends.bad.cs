// A pooled connection keeps one receive posted on its inbox buffer at all times (started when the connection is
// leased, to notice server-side disconnects and push messages early). When the connection goes back to the pool,
// ResetAsync cancels that receive and wipes the inbox so the next lease cannot see the previous tenant's data, but it
// wipes before the cancelled receive has completed: a reply still in the socket may be written into the inbox after
// the wipe, and leaks to the next tenant.
using System;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round28.InFlight.PooledConnectionResetInbox;

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
        /*~ASYS1005*/Array.Clear(_inbox);
        try
        {
            await _pendingReceive;
        }
        catch (OperationCanceledException)
        {
            // Expected: the receive was cancelled because the connection is going back to the pool.
        }

        _stop.Dispose();
    }
}
