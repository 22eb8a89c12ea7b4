// A hosted journal flusher drains records from a channel into a rented batch and writes it through the ring; to keep the host's shutdown prompt it races the write against the stopping token, and when the stop wins it returns from ExecuteAsync, whose finally gives the batch back to the pool while the kernel still reads it for the write.
using System;
using System.Buffers;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus56.JournalFlusherBad;

internal abstract class BackgroundService
{
    protected abstract Task ExecuteAsync(CancellationToken stoppingToken);

    public Task RunAsync(CancellationToken stoppingToken) => ExecuteAsync(stoppingToken);
}

internal sealed class JournalFlusher(IoRing ring, int journalFd, ChannelReader<byte[]> records) : BackgroundService
{
    private const int BatchSize = 64 * 1024;
    private long _offset;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (await records.WaitToReadAsync(stoppingToken).ConfigureAwait(false))
        {
            byte[] batch = ArrayPool<byte>.Shared.Rent(BatchSize);
            int used = 0;
            while (records.TryPeek(out byte[]? next) && used + next.Length <= BatchSize && records.TryRead(out byte[]? record))
            {
                record.CopyTo(batch.AsSpan(used));
                used += record.Length;
            }

            Task write = ring.WriteAsync(journalFd, batch.AsMemory(0, used), _offset, CancellationToken.None).AsTask();
            try
            {
                await Task.WhenAny(write, Task.Delay(Timeout.Infinite, stoppingToken)).ConfigureAwait(false);
                if (!write.IsCompleted)
                {
                    // The host is stopping: do not hold it on a slow disk.
                    return;
                }

                await write.ConfigureAwait(false);
                _offset += used;
            }
            finally
            {
                /*~ASYS1005*/ArrayPool<byte>.Shared.Return(batch);
            }
        }
    }
}
