// A metrics exporter samples gauges from a System.Threading.Timer callback straight into the page it exports, while a PeriodicTimer loop in ExecuteAsync writes that page to a file through the ring every few seconds; the sampler keeps firing during the export's write, so the kernel copies a page whose slots change under it.
using System;
using System.Buffers.Binary;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus56.GaugeSamplerBad;

internal abstract class BackgroundService
{
    protected abstract Task ExecuteAsync(CancellationToken stoppingToken);

    public virtual Task StartAsync(CancellationToken cancellationToken) => ExecuteAsync(cancellationToken);
}

internal sealed class GaugeExporter(IoRing ring, int exportFd) : BackgroundService, IDisposable
{
    private const int Slots = 512;
    private readonly byte[] _page = new byte[Slots * 8];
    private Timer? _sampler;
    private Task _export = Task.CompletedTask;
    private int _slot;

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        _sampler = new Timer(Sample, null, TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(100));
        return base.StartAsync(cancellationToken);
    }

    private void Sample(object? state)
    {
        int slot = Interlocked.Increment(ref _slot) % Slots;
        /*~ASYS1005*/BinaryPrimitives.WriteInt64LittleEndian(_page.AsSpan(slot * 8), GC.GetTotalMemory(forceFullCollection: false));
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(5));
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            await _export.ConfigureAwait(false);
            _export = ring.WriteAsync(exportFd, _page, 0, CancellationToken.None).AsTask();
        }

        await _export.ConfigureAwait(false);
    }

    public void Dispose() => _sampler?.Dispose();
}
