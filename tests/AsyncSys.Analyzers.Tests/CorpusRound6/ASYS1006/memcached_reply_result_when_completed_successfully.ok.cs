using System;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round6.Unobserved.MemcachedChecked;

/// <summary>The same get: the result is taken synchronously only when the receive has completed successfully.</summary>
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
        int n;
        if (reply.IsCompletedSuccessfully)
        {
            n = reply.Result;
        }
        else
        {
            n = await reply;
        }

        return _reply.AsMemory(0, n);
    }
}
