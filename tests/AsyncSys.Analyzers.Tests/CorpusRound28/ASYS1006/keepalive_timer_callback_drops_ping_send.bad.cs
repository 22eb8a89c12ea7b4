// A Redis connection's keep-alive fires from a System.Threading.Timer and sends PING with the ring, dropping the
// send's ValueTask. A failed send (EPIPE after the server closed an idle connection) is never observed, so the pool
// keeps handing out a dead connection; and the pooled ValueTask source is never given back.
using System;
using System.Threading;
using AsyncSys;

namespace Round28.ValueTasks.KeepAliveTimerDropsPing;

public sealed class KeepAlive : IDisposable
{
    private static readonly byte[] s_ping = "*1\r\n$4\r\nPING\r\n"u8.ToArray();

    private readonly IoRing _ring;
    private readonly int _fd;
    private readonly Timer _timer;
    private long _lastPingTicks;

    public KeepAlive(IoRing ring, int fd, TimeSpan period)
    {
        _ring = ring;
        _fd = fd;
        _timer = new Timer(_ => Ping(), null, period, period);
    }

    public DateTime LastPing => new(Interlocked.Read(ref _lastPingTicks), DateTimeKind.Utc);

    private void Ping()
    {
        Interlocked.Exchange(ref _lastPingTicks, DateTime.UtcNow.Ticks);
        _ = /*~ASYS1006*/_ring.SendAsync(_fd, s_ping, MessageFlags.NoSignal);
    }

    public void Dispose() => _timer.Dispose();
}
