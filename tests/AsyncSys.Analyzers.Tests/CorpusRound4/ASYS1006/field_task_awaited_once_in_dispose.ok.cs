using System;
using System.Threading.Tasks;
using AsyncSys;

namespace Round4.Observed.FieldTask;

public sealed class Segment : IAsyncDisposable
{
    private readonly IoRing _ring;
    private readonly int _fd;
    private ValueTask _pendingFlush;
    private bool _flushing;

    public Segment(IoRing ring, int fd)
    {
        _ring = ring;
        _fd = fd;
    }

    // Starts the flush early; DisposeAsync is the one place that awaits it.
    public void BeginFlush()
    {
        if (_flushing)
        {
            return;
        }

        _pendingFlush = _ring.FsyncAsync(_fd);
        _flushing = true;
    }

    public async ValueTask DisposeAsync()
    {
        if (_flushing)
        {
            _flushing = false;
            await _pendingFlush;
        }

        await _ring.CloseAsync(_fd);
    }
}
