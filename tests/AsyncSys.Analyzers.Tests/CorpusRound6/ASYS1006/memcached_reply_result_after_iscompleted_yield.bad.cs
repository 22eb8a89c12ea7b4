using System;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round6.Unobserved.MemcachedYield;

/// <summary>
/// A memcached get: the reply usually arrives with the request's round trip, so the client yields once when it
/// has not, then takes the result, which is not a wait: the receive may still be pending.
/// </summary>
internal sealed class MemcachedClient
{
    private readonly IoRing _ring;
    private readonly int _fd;
    private readonly byte[] _reply = new byte[64 * 1024];

    public MemcachedClient(IoRing ring, int fd)
    {
        _ring = ring;
        _fd = fd;
    }

    public async ValueTask<ReadOnlyMemory<byte>> GetAsync(ReadOnlyMemory<byte> request, CancellationToken cancellationToken)
    {
        await _ring.SendAsync(_fd, request, MessageFlags.None, cancellationToken);
        ValueTask<int> reply = _ring.ReceiveAsync(_fd, _reply, MessageFlags.None, cancellationToken);
        if (!reply.IsCompleted)
        {
            await Task.Yield();
        }

        int n = reply./*~ASYS1006*/Result;
        return _reply.AsMemory(0, n);
    }
}
