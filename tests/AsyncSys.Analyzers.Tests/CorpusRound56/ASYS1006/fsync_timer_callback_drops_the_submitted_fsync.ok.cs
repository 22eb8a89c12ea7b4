// A hosted write-behind cache makes its file durable once a second: a System.Threading.Timer only signals a channel, and the service's loop awaits each fsync it submits to the ring on that signal, so every fsync's result is observed and the last one has ended before the loop returns.
using System;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus56.FsyncTimerOk;

internal interface IHostedService
{
    Task StartAsync(CancellationToken cancellationToken);

    Task StopAsync(CancellationToken cancellationToken);
}

internal sealed class WriteBehindDurability(IoRing ring, int dataFd) : IHostedService, IDisposable
{
    private readonly Channel<bool> _due = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly CancellationTokenSource _stopping = new();
    private Timer? _timer;
    private Task _loop = Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _timer = new Timer(_ => _due.Writer.TryWrite(true), null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
        _loop = SyncLoopAsync(_stopping.Token);
        return Task.CompletedTask;
    }

    private async Task SyncLoopAsync(CancellationToken stoppingToken)
    {
        await foreach (bool _ in _due.Reader.ReadAllAsync(stoppingToken).ConfigureAwait(false))
        {
            await ring.SubmitAsync(RingRequest.Fsync(dataFd), stoppingToken).ConfigureAwait(false);
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _timer?.Change(Timeout.Infinite, Timeout.Infinite);
        _due.Writer.TryComplete();
        await _loop.ConfigureAwait(false);
    }

    public void Dispose() => _timer?.Dispose();
}
