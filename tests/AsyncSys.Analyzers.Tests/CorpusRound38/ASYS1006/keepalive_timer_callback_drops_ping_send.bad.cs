// A Redis-style connection keeps itself alive with a System.Threading.Timer that sends PING every 30 seconds. The
// callback is an Action that drops the send's ValueTask: a failed send (ECONNRESET, EPIPE) is never seen, so the pool
// keeps handing out a dead connection.
using System;
using System.Threading;
using AsyncSys;

namespace Round38.Unobserved.KeepAliveTimerDropsPing;

public sealed class KeepAlive : IDisposable
{
    private static readonly byte[] Ping = "PING\r\n"u8.ToArray();
    private static readonly TimeSpan Period = TimeSpan.FromSeconds(30);

    private readonly Timer _timer;

    public KeepAlive(IoRing ring, int fd)
    {
        _timer = new Timer(_ => /*~ASYS1006*/ring.SendAsync(fd, Ping, MessageFlags.NoSignal), null, Period, Period);
    }

    public void Dispose() => _timer.Dispose();
}
