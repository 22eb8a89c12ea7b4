using System;
using System.Collections.Generic;
using System.Diagnostics;
using AsyncSys;

namespace Round10.Unobserved.PoolEvict;

internal readonly record struct PooledSocket(int Fd, long IdleSince);

/// <summary>
/// A client connection pool (HTTP/1.1 keep-alive sockets to one origin) evicts sockets idle longer than the limit;
/// what eviction does with a socket is a hook, by default closing it on the shared ring.
/// </summary>
internal sealed class ConnectionPool(TimeSpan idleLimit)
{
    private readonly Stack<PooledSocket> _idle = new();
    private readonly object _gate = new();

    private readonly Action<int> _onEvict = fd => /*~ASYS1006*/IoRing.Shared.CloseAsync(fd);   // the close's ValueTask is dropped

    public void Return(int fd)
    {
        lock (_gate)
        {
            _idle.Push(new PooledSocket(fd, Stopwatch.GetTimestamp()));
        }
    }

    public int EvictIdle()
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
            _onEvict(fd);
        }

        return evicted.Count;
    }
}
