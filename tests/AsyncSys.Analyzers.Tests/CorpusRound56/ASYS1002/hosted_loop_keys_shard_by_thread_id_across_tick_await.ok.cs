// A hosted aggregation loop owns one shard of its own, chosen by the loop's index when the service is built, and keeps using it after each PeriodicTimer tick's await; which pool thread resumes the loop does not matter.
using System;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus56.ThreadShardOk;

internal sealed class Shard
{
    public long Ticks;
    public long Bytes;
}

internal abstract class BackgroundService
{
    protected abstract Task ExecuteAsync(CancellationToken stoppingToken);

    public Task RunAsync(CancellationToken stoppingToken) => ExecuteAsync(stoppingToken);
}

internal sealed class TrafficAggregator(IoRing ring, int statsFd, Shard[] shards, int loopIndex) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        int owner = loopIndex;
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(500));
        byte[] line = new byte[64];
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            Shard mine = shards[owner % shards.Length];
            mine.Ticks++;
            int n = await ring.ReadAsync(statsFd, line, 0, stoppingToken).ConfigureAwait(false);
            mine.Bytes += n;
        }
    }
}
