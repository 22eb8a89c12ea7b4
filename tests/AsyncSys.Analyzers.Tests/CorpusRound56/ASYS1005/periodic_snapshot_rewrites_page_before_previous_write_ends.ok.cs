// A hosted checkpointer writes a counters snapshot page to its file on every PeriodicTimer tick and lets the previous tick's write run until the next tick; each tick awaits that previous write before it stamps the header and copies the counters into the page, so the page is never changed under a write.
using System;
using System.Buffers.Binary;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus56.PeriodicSnapshotOk;

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
            await previous.ConfigureAwait(false);
            BinaryPrimitives.WriteInt64LittleEndian(page, ++tick);
            counters().Span.CopyTo(page.AsSpan(8));
            previous = ring.WriteAsync(checkpointFd, page, 0, CancellationToken.None).AsTask();
        }

        await previous.ConfigureAwait(false);
    }
}
