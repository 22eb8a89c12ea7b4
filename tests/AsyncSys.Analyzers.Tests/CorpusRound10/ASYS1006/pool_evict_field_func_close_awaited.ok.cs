using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading.Tasks;
using AsyncSys;

namespace Round10.Unobserved.PoolEvictOk;

internal readonly record struct PooledSocket(int Fd, long IdleSince);

/// <summary>
/// A client connection pool (HTTP/1.1 keep-alive sockets to one origin) evicts sockets idle longer than the limit;
/// what eviction does with a socket is a hook, by default closing it on the shared ring. The hook returns the close,
/// and eviction awaits it.
/// </summary>
internal sealed class ConnectionPool(TimeSpan idleLimit)
{
    private readonly Stack<PooledSocket> _idle = new();
    private readonly object _gate = new();

    private readonly Func<int, ValueTask> _onEvict = fd => IoRing.Shared.CloseAsync(fd);

    public void Return(int fd)
    {
        lock (_gate)
        {
            _idle.Push(new PooledSocket(fd, Stopwatch.GetTimestamp()));
        }
    }

    public async ValueTask<int> EvictIdleAsync()
    {
        var evicted = new List<int>();
        lock (_gate)
        {
            var keep = new Stack<PooledSocket>();
            while (_idle.TryPop(out PooledSocket socket))
            {
                if (Stopwatch.GetElapsedTime(socket.IdleSince) > idleLimit) evicted.Add(socket.Fd);
                else keep.Push(socket);
            }

            while (keep.TryPop(out PooledSocket socket)) _idle.Push(socket);
        }

        foreach (int fd in evicted)
        {
            await _onEvict(fd);
        }

        return evicted.Count;
    }
}
