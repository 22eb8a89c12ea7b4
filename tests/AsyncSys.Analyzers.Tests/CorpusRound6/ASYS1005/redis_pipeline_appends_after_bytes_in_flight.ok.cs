using System;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round6.InFlight.RedisAppend;

/// <summary>
/// The same pipeline: the second command is encoded after the first one's bytes, outside the slice the send
/// is reading, and sent once the first send has completed.
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
        int m = Encoding.UTF8.GetBytes(second.AsSpan(), _out.AsSpan(n));   // bytes n.. are not part of the send
        int sent = await send;
        sent += await _ring.SendAsync(_fd, _out.AsMemory(n, m), MessageFlags.None, cancellationToken);
        int received = await _ring.ReceiveAsync(_fd, _in, MessageFlags.None, cancellationToken);
        return received;
    }
}
