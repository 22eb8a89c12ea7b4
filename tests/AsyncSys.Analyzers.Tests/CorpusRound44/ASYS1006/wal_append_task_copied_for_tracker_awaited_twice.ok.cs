// A WAL append converts its write's ValueTask to a Task once, keeps a copy of that Task for the commit tracker and awaits both names: a Task may be awaited any number of times.
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
        Task<int> write = _ring.WriteAtMostAsync(_fd, record, _tail, ct).AsTask();
        Task<int> tracked = write;             // the tracker's name for the same operation
        int written = await write;
        _tail += written;
        int confirmed = await tracked;
        _durable += confirmed;
        return _tail;
    }
}
