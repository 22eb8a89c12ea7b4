// A pooled backend connection closes its socket in a synchronous Dispose by calling GetAwaiter().GetResult() on the
// ring's close ValueTask. The close has usually not completed yet, and a ValueTask over a pooled source must not be
// read before completion: GetResult throws InvalidOperationException (or reads a recycled source), so eviction from
// the pool fails and the descriptor may leak.
using System;
using AsyncSys;

namespace Round19.ValueTasks.DisposeGetResult;

public sealed class PooledConnection(IoRing ring, int socketFd) : IDisposable
{
    private bool _disposed;

    public int SocketFd => socketFd;

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        /*~ASYS1006*/ring.CloseAsync(socketFd).GetAwaiter().GetResult();
    }
}
