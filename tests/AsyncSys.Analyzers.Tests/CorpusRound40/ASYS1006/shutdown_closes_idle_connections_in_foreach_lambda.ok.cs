// Graceful shutdown closes every idle keep-alive connection with the ring's close, awaiting all the closes together, then gives the busy ones a grace period before cancelling them.
using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Shutdown;

internal sealed class Connection(int fd, Task serving)
{
    public int Fd { get; } = fd;

    public Task Serving { get; } = serving;

    public bool IsIdle { get; set; }
}

internal sealed class ConnectionManager(IoRing ring)
{
    private readonly Dictionary<long, Connection> _connections = new();
    private readonly object _gate = new();
    private readonly CancellationTokenSource _abort = new();

    public async Task StopAsync(TimeSpan grace)
    {
        List<Connection> idle;
        List<Task> busy;
        lock (_gate)
        {
            idle = _connections.Values.Where(c => c.IsIdle).ToList();
            busy = _connections.Values.Where(c => !c.IsIdle).Select(c => c.Serving).ToList();
        }

        await Task.WhenAll(idle.Select(c => ring.CloseAsync(c.Fd).AsTask()));
        Task drained = Task.WhenAll(busy);
        if (await Task.WhenAny(drained, Task.Delay(grace)) != drained)
        {
            _abort.Cancel();
        }
    }
}
