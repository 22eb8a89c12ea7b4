// A metrics agent keeps a write-ahead log of samples not yet exported and syncs it from a timer every second. The timer
// callback starts the ring fdatasync and drops its ValueTask: a failed sync (EIO, ENOSPC) is never seen, so the agent
// believes samples are durable and acknowledges them upstream, and after a crash they are gone.
using System;
using System.Threading;
using AsyncSys;

namespace Round18.ValueTasks.WalTimerDropsSync;

public sealed class SampleWal : IDisposable
{
    private readonly IoRing _ring;
    private readonly int _walFd;
    private readonly Timer _timer;

    public SampleWal(IoRing ring, int walFd)
    {
        _ring = ring;
        _walFd = walFd;
        _timer = new Timer(OnFlushTimer, null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
    }

    private void OnFlushTimer(object? state)
    {
        /*~ASYS1006*/_ring.FdatasyncAsync(_walFd);
    }

    public void Dispose() => _timer.Dispose();
}
