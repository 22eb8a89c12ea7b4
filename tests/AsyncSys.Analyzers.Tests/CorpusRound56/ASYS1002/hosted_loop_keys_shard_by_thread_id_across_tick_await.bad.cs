// A hosted aggregation loop picks its lock-free shard by the managed thread id it starts on and keeps using that shard after each PeriodicTimer tick's await; the loop resumes on arbitrary pool threads, so it writes into a shard that another thread, which owns that id's shard, is writing at the same time.
using System;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus56.ThreadShardBad;

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

internal sealed class TrafficAggregator(IoRing ring, int statsFd, Shard[] shards) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        int owner = Environment.CurrentManagedThreadId;
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(500));
        byte[] line = new byte[64];
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            Shard mine = shards[/*~ASYS1002*/owner % shards.Length];
            mine.Ticks++;
            int n = await ring.ReadAsync(statsFd, line, 0, stoppingToken).ConfigureAwait(false);
            mine.Bytes += n;
        }
    }
}
