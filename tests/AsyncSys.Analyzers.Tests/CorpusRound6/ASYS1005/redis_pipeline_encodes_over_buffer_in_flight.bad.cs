using System;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round6.InFlight.RedisOverwrite;

/// <summary>
/// A Redis connection that pipelines two commands: it sends the first and encodes the second while the first
/// is on its way, into the one output buffer the connection owns.
/// </summary>
internal sealed class RedisPipeline
{
    private readonly IoRing _ring;
    private readonly int _fd;
    private readonly byte[] _out = new byte[16 * 1024];
    private readonly byte[] _in = new byte[16 * 1024];

    public RedisPipeline(IoRing ring, int fd)
    {
        _ring = ring;
        _fd = fd;
    }

    public async ValueTask<int> SendPairAsync(string first, string second, CancellationToken cancellationToken)
    {
        int n = Encoding.UTF8.GetBytes(first.AsSpan(), _out.AsSpan());
        ValueTask<int> send = _ring.SendAsync(_fd, _out.AsMemory(0, n), MessageFlags.None, cancellationToken);
        int m = Encoding.UTF8.GetBytes(second.AsSpan(), /*~ASYS1005*/_out.AsSpan());   // from byte 0: over the first command
        int sent = await send;
        sent += await _ring.SendAsync(_fd, _out.AsMemory(0, m), MessageFlags.None, cancellationToken);
        int received = await _ring.ReceiveAsync(_fd, _in, MessageFlags.None, cancellationToken);
        return received;
    }
}
