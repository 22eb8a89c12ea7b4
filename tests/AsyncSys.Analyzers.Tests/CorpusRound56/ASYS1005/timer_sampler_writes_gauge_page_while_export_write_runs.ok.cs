// A metrics exporter samples gauges from a System.Threading.Timer callback, but the callback only posts each sample to a channel; the PeriodicTimer loop in ExecuteAsync awaits the previous export's write, then copies the queued samples into the page and starts the next write, so the page is only written while no write of it runs.
using System;
using System.Buffers.Binary;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus56.GaugeSamplerOk;

internal abstract class BackgroundService
{
    protected abstract Task ExecuteAsync(CancellationToken stoppingToken);

    public virtual Task StartAsync(CancellationToken cancellationToken) => ExecuteAsync(cancellationToken);
}

internal sealed class GaugeExporter(IoRing ring, int exportFd) : BackgroundService, IDisposable
{
    private const int Slots = 512;
    private readonly byte[] _page = new byte[Slots * 8];
    private readonly Channel<long> _samples = Channel.CreateBounded<long>(new BoundedChannelOptions(Slots) { FullMode = BoundedChannelFullMode.DropOldest });
    private Timer? _sampler;
    private Task _export = Task.CompletedTask;
    private int _slot;

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        _sampler = new Timer(Sample, null, TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(100));
        return base.StartAsync(cancellationToken);
    }

    private void Sample(object? state) => _samples.Writer.TryWrite(GC.GetTotalMemory(forceFullCollection: false));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(5));
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            await _export.ConfigureAwait(false);
            while (_samples.Reader.TryRead(out long sample))
            {
                _slot = (_slot + 1) % Slots;
                BinaryPrimitives.WriteInt64LittleEndian(_page.AsSpan(_slot * 8), sample);
            }

            _export = ring.WriteAsync(exportFd, _page, 0, CancellationToken.None).AsTask();
        }

        await _export.ConfigureAwait(false);
    }

    public void Dispose() => _sampler?.Dispose();
}
