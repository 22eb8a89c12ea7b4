// The WAL syncer made right: the timer starts an async flush that awaits the fdatasync and records a failure (so samples
// are not acknowledged), and keeps that flush's Task so Dispose can wait for the last one.
using System;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round18.ValueTasks.WalTimerKeepsFlush;

public sealed class SampleWal : IDisposable
{
    private readonly IoRing _ring;
    private readonly int _walFd;
    private readonly Timer _timer;
    private Task _lastFlush = Task.CompletedTask;
    private volatile bool _durable = true;

    public SampleWal(IoRing ring, int walFd)
    {
        _ring = ring;
        _walFd = walFd;
        _timer = new Timer(OnFlushTimer, null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
    }

    public bool Durable => _durable;

    private void OnFlushTimer(object? state)
    {
        if (_lastFlush.IsCompleted)
        {
            _lastFlush = FlushAsync();
        }
    }

    private async Task FlushAsync()
    {
        try
        {
            await _ring.FdatasyncAsync(_walFd);
            _durable = true;
        }
        catch (ErrnoException)
        {
            _durable = false;
        }
    }

    public void Dispose()
    {
        _timer.Dispose();
        _lastFlush.GetAwaiter().GetResult();
    }
}
