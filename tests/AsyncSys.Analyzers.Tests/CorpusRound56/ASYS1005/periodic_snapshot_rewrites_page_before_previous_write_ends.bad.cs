// A hosted checkpointer writes a counters snapshot page to its file on every PeriodicTimer tick and keeps the previous tick's write running while the next tick begins; the tick stamps its header and copies the counters into the page first and only then awaits the previous write of that same page, so the kernel may copy a half-updated page.
using System;
using System.Buffers.Binary;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus56.PeriodicSnapshotBad;

internal abstract class BackgroundService
{
    protected abstract Task ExecuteAsync(CancellationToken stoppingToken);

    public Task RunAsync(CancellationToken stoppingToken) => ExecuteAsync(stoppingToken);
}

internal sealed class CounterCheckpointer(IoRing ring, int checkpointFd, Func<ReadOnlyMemory<byte>> counters) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        byte[] page = new byte[4096];
        long tick = 0;
        Task previous = Task.CompletedTask;
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(2));
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            /*~ASYS1005*/BinaryPrimitives.WriteInt64LittleEndian(page, ++tick);
            /*~ASYS1005*/counters().Span.CopyTo(page.AsSpan(8));
            await previous.ConfigureAwait(false);
            previous = ring.WriteAsync(checkpointFd, page, 0, CancellationToken.None).AsTask();
        }

        await previous.ConfigureAwait(false);
    }
}
