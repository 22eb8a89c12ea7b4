using System;
using System.Threading;
using AsyncSys;

namespace Round5.Observed.TimerCallback;

internal sealed class GroupCommit : IDisposable
{
    private readonly Timer _timer;
    private volatile bool _dirty;

    public GroupCommit(IoRing ring, int fd, TimeSpan interval)
    {
        _timer = new Timer(_ =>
        {
            if (_dirty)
            {
                _dirty = false;
                /*~ASYS1006*/ring.FdatasyncAsync(fd);   // a failed sync is never seen, and the next tick may start another
            }
        }, null, interval, interval);
    }

    public void MarkDirty() => _dirty = true;

    public void Dispose() => _timer.Dispose();
}
