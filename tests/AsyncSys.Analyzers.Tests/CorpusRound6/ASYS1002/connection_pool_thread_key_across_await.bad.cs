using System;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round6.PerThread.PoolThreadKey;

internal sealed class PooledConnection
{
    public PooledConnection(int fd) => Fd = fd;

    public int Fd { get; }
}

/// <summary>
/// A connection pool that gives each thread "its" connection, as pools written for synchronous clients do.
/// While a request awaits, its first thread serves other requests, which find the same connection.
/// </summary>
internal sealed class AffinityPool
{
    private readonly IoRing _ring;
    private readonly Func<int> _connect;
    private readonly ConcurrentDictionary<int, PooledConnection> _byThread = new();

    public AffinityPool(IoRing ring, Func<int> connect)
    {
        _ring = ring;
        _connect = connect;
    }

    private static int CurrentThreadKey => Environment.CurrentManagedThreadId;

    public async ValueTask<int> RoundTripAsync(ReadOnlyMemory<byte> request, Memory<byte> reply, CancellationToken cancellationToken)
    {
        int key = CurrentThreadKey;
        PooledConnection connection = _byThread.GetOrAdd(key, _ => new PooledConnection(_connect()));
        await _ring.SendAsync(connection.Fd, request, MessageFlags.None, cancellationToken);
        int n = await _ring.ReceiveAsync(connection.Fd, reply, MessageFlags.None, cancellationToken);
        if (n == 0)
        {
            // Peer closed: forget the connection of "this" thread, which is no longer the thread running here.
            _byThread.TryRemove(/*~ASYS1002*/key, out _);
            await _ring.CloseAsync(connection.Fd, cancellationToken);
        }

        return n;
    }
}
