// The keep-alive made right: a background loop on a PeriodicTimer awaits each PING send (a failure marks the
// connection dead for the pool), and the loop's Task is kept and awaited on dispose.
using System;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round28.ValueTasks.KeepAliveLoopAwaits;

public sealed class KeepAlive : IAsyncDisposable
{
    private static readonly byte[] s_ping = "*1\r\n$4\r\nPING\r\n"u8.ToArray();

    private readonly IoRing _ring;
    private readonly int _fd;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private volatile bool _dead;

    public KeepAlive(IoRing ring, int fd, TimeSpan period)
    {
        _ring = ring;
        _fd = fd;
        _loop = RunAsync(period, _stop.Token);
    }

    public bool Dead => _dead;

    private async Task RunAsync(TimeSpan period, CancellationToken ct)
    {
        using var timer = new PeriodicTimer(period);
        try
        {
            while (await timer.WaitForNextTickAsync(ct))
            {
                await _ring.SendAsync(_fd, s_ping, MessageFlags.NoSignal, ct);
            }
        }
        catch (ErrnoException)
        {
            _dead = true;
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Disposed: the loop ends quietly.
        }
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        await _loop;
        _stop.Dispose();
    }
}
