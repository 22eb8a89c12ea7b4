// A WAL append keeps a copy of its write's ValueTask for the commit tracker and awaits both names: the second await consumes the same pooled operation again.
using System;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round44.Tracking;

public sealed class TrackedWal
{
    private readonly IoRing _ring;
    private readonly int _fd;
    private long _tail;
    private long _durable;

    public TrackedWal(IoRing ring, int fd)
    {
        _ring = ring;
        _fd = fd;
    }

    public async ValueTask<long> AppendAsync(ReadOnlyMemory<byte> record, CancellationToken ct)
    {
        ValueTask<int> write = _ring.WriteAtMostAsync(_fd, record, _tail, ct);
        ValueTask<int> tracked = write;        // the tracker's name for the same operation
        int written = await write;
        _tail += written;
        int confirmed = /*~ASYS1006*/await tracked;
        _durable += confirmed;
        return _tail;
    }
}
