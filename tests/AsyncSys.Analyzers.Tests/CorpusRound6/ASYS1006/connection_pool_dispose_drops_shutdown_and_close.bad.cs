using System;
using System.Collections.Concurrent;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round6.Unobserved.PoolDispose;

internal sealed class PooledConnection
{
    public PooledConnection(int fd) => Fd = fd;

    public int Fd { get; }
}

/// <summary>
/// A connection pool whose synchronous Dispose shuts down and closes its idle sockets through the ring without
/// waiting: the close can run before the shutdown, and every failure is lost.
/// </summary>
internal sealed class SocketPool : IDisposable
{
    private readonly IoRing _ring;
    private readonly ConcurrentBag<PooledConnection> _idle = new();

    public SocketPool(IoRing ring) => _ring = ring;

    public void Return(PooledConnection connection) => _idle.Add(connection);

    public async ValueTask<PollEvents> ProbeAsync(PooledConnection connection, CancellationToken cancellationToken)
    {
        PollEvents events = await _ring.PollAsync(connection.Fd, PollEvents.In | PollEvents.HangUp, cancellationToken);
        return events;
    }

    public void Dispose()
    {
        while (_idle.TryTake(out PooledConnection? connection))
        {
            /*~ASYS1006*/_ring.ShutdownAsync(connection.Fd, SocketShutdown.Both);
            /*~ASYS1006*/_ring.CloseAsync(connection.Fd);
        }
    }
}
