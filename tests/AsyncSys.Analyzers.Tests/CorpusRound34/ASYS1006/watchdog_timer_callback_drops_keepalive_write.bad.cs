// A watchdog service pets /dev/watchdog from a System.Threading.Timer callback by starting the ring's write of the
// magic byte and dropping the task. A failed write (EBADF after a reopen, EIO) is never seen, the service believes the
// dog is fed, and the board reboots "for no reason" 60 seconds later.
using System;
using System.Threading;
using AsyncSys;

namespace Round34.ValueTasks.WatchdogTimerDropsWrite;

public sealed class WatchdogFeeder : IDisposable
{
    private static readonly byte[] s_keepAlive = [(byte)'k'];
    private readonly Timer _timer;

    public WatchdogFeeder(IoRing ring, int watchdogFd)
    {
        _timer = new Timer(_ => /*~ASYS1006*/ring.WriteAsync(watchdogFd, s_keepAlive, -1), null, TimeSpan.Zero, TimeSpan.FromSeconds(10));
    }

    public void Dispose() => _timer.Dispose();
}
