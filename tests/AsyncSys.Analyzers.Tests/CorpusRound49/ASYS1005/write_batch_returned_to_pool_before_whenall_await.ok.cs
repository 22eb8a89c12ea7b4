// A WAL flusher takes a pooled write batch (a pinned 256 KiB buffer and its list of pending writes), copies each record into the next slice and starts its write there (adjacent slices, several writes in flight), awaits the Task.WhenAll of the batch and only then clears it and returns it to its pool.
using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus49.WalBatchOk;

internal sealed class WriteBatch
{
    public Memory<byte> Buffer { get; } = GC.AllocateUninitializedArray<byte>(256 * 1024, pinned: true);

    public List<Task> Pending { get; } = new(32);
}

internal sealed class WriteBatchPool
{
    private readonly ConcurrentBag<WriteBatch> _free = new();

    public WriteBatch Get() => _free.TryTake(out WriteBatch? batch) ? batch : new WriteBatch();

    public void Return(WriteBatch batch) => _free.Add(batch);
}

internal sealed class WalFlusher(IoRing ring, int fd, WriteBatchPool pool)
{
    private long _offset;

    public async Task FlushAsync(IReadOnlyList<ReadOnlyMemory<byte>> records, CancellationToken ct)
    {
        WriteBatch batch = pool.Get();
        int used = 0;
        foreach (ReadOnlyMemory<byte> record in records)
        {
            record.Span.CopyTo(batch.Buffer.Span.Slice(used));
            batch.Pending.Add(ring.WriteAsync(fd, batch.Buffer.Slice(used, record.Length), _offset + used, ct).AsTask());
            used += record.Length;
        }

        _offset += used;
        await Task.WhenAll(batch.Pending).ConfigureAwait(false);
        batch.Pending.Clear();
        pool.Return(batch);
    }
}
