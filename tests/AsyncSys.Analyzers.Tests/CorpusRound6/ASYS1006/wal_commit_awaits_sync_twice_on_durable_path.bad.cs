using System;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round6.Unobserved.WalSyncTwice;

/// <summary>
/// A WAL append with an optional durable wait: the fdatasync is started for every record; durable callers wait
/// for it and publish the durable tail. The common exit awaits the same ValueTask again.
/// </summary>
internal sealed class WalAppender
{
    private readonly IoRing _ring;
    private readonly int _fd;
    private long _tail;
    private long _durableTail;

    public WalAppender(IoRing ring, int fd)
    {
        _ring = ring;
        _fd = fd;
    }

    public long DurableTail => Interlocked.Read(ref _durableTail);

    public async ValueTask<long> AppendAsync(ReadOnlyMemory<byte> record, bool durable, CancellationToken cancellationToken)
    {
        await _ring.WriteAsync(_fd, record, _tail, cancellationToken);
        _tail += record.Length;
        ValueTask sync = _ring.FdatasyncAsync(_fd, cancellationToken);
        if (durable)
        {
            await sync;
            Interlocked.Exchange(ref _durableTail, _tail);
        }

        await /*~ASYS1006*/sync;   // on the durable path the second await of one ValueTask
        return _tail;
    }
}
