using System;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round6.InFlight.WriteBackZero;

internal sealed class Frame
{
    public Frame(Memory<byte> data) => Data = data;

    public Memory<byte> Data { get; }

    public long PageNo { get; set; } = -1;

    public bool Dirty { get; set; }
}

/// <summary>
/// A write-back page cache: evicting a dirty frame writes it back, then reuses the frame for another page. The
/// zeroing was moved before the await "to overlap it with the write".
/// </summary>
internal sealed class WriteBackCache
{
    private const int PageSize = 4096;
    private readonly IoRing _ring;
    private readonly int _fd;

    public WriteBackCache(IoRing ring, int fd)
    {
        _ring = ring;
        _fd = fd;
    }

    public async ValueTask<Frame> ReuseAsync(Frame victim, long newPage, CancellationToken cancellationToken)
    {
        if (victim.Dirty)
        {
            ValueTask writeBack = _ring.WriteAsync(_fd, victim.Data, victim.PageNo * PageSize, cancellationToken);
            victim.Dirty = false;
            /*~ASYS1005*/victim.Data.Span.Clear();   // the kernel may still be copying the old page out of it
            await writeBack;
        }
        else
        {
            victim.Data.Span.Clear();
        }

        victim.PageNo = newPage;
        int n = await _ring.ReadAsync(_fd, victim.Data, newPage * PageSize, cancellationToken);
        if (n < PageSize)
        {
            victim.Data.Span[n..].Clear();
        }

        return victim;
    }
}
