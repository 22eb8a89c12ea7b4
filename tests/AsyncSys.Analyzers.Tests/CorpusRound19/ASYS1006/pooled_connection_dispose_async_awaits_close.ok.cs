// The same pooled connection closing its socket in DisposeAsync, awaiting the ring's close once.
using System;
using System.Threading.Tasks;
using AsyncSys;

namespace Round19.ValueTasks.DisposeAsyncAwaitsClose;

public sealed class PooledConnection(IoRing ring, int socketFd) : IAsyncDisposable
{
    private bool _disposed;

    public int SocketFd => socketFd;

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        await ring.CloseAsync(socketFd);
    }
}
