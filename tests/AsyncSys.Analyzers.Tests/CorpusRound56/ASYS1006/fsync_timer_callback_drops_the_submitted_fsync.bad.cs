// A hosted write-behind cache makes its file durable once a second from a System.Threading.Timer: the callback's lambda submits an fsync to the ring and drops the ValueTask the submission returns, so a failed fsync goes unseen and nothing ever waits for it before the service disposes the file.
using System;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus56.FsyncTimerBad;

internal interface IHostedService
{
    Task StartAsync(CancellationToken cancellationToken);

    Task StopAsync(CancellationToken cancellationToken);
}

internal sealed class WriteBehindDurability(IoRing ring, int dataFd) : IHostedService, IDisposable
{
    private Timer? _timer;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _timer = new Timer(_ => /*~ASYS1006*/ring.SubmitAsync(RingRequest.Fsync(dataFd), CancellationToken.None), null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _timer?.Change(Timeout.Infinite, Timeout.Infinite);
        return Task.CompletedTask;
    }

    public void Dispose() => _timer?.Dispose();
}
