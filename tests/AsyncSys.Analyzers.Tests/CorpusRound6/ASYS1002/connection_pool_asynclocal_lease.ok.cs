using System;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round6.PerThread.PoolAsyncLocal;

internal sealed class PooledConnection
{
    public PooledConnection(int fd) => Fd = fd;

    public int Fd { get; }
}

/// <summary>The same pool with the lease carried by the async flow (AsyncLocal) instead of the thread.</summary>
internal sealed class LeasePool
{
    private static readonly AsyncLocal<PooledConnection?> s_lease = new();
    private readonly IoRing _ring;
    private readonly Func<int> _connect;
    private readonly ConcurrentBag<PooledConnection> _idle = new();

    public LeasePool(IoRing ring, Func<int> connect)
    {
        _ring = ring;
        _connect = connect;
    }

    public async ValueTask<int> RoundTripAsync(ReadOnlyMemory<byte> request, Memory<byte> reply, CancellationToken cancellationToken)
    {
        PooledConnection connection = s_lease.Value ??= _idle.TryTake(out PooledConnection? idle) ? idle : new PooledConnection(_connect());
        await _ring.SendAsync(connection.Fd, request, MessageFlags.None, cancellationToken);
        int n = await _ring.ReceiveAsync(connection.Fd, reply, MessageFlags.None, cancellationToken);
        if (n == 0)
        {
            s_lease.Value = null;   // the flow's own lease, whatever thread runs this
            await _ring.CloseAsync(connection.Fd, cancellationToken);
        }

        return n;
    }
}
