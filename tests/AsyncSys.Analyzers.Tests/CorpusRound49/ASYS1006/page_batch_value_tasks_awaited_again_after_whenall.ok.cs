// A prefetcher reads a batch of pages into adjacent slices of one pinned slab, keeps the reads' ValueTasks in a pooled array, converts each once with AsTask(), waits for them through Task.WhenAll and sums the byte counts from those Tasks, never touching a ValueTask again.
using System;
using System.Buffers;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus49.PrefetchBatchOk;

internal sealed class Prefetcher(IoRing ring, int fd)
{
    private const int PageSize = 8192;
    private const int MaxBatch = 32;
    private readonly byte[] _slab = GC.AllocateUninitializedArray<byte>(PageSize * MaxBatch, pinned: true);

    public async Task<long> PrefetchAsync(long firstPage, int count, CancellationToken ct)
    {
        ValueTask<int>[] reads = ArrayPool<ValueTask<int>>.Shared.Rent(count);
        var waits = new Task<int>[count];
        try
        {
            for (int i = 0; i < count; i++)
            {
                reads[i] = ring.ReadAsync(fd, _slab.AsMemory(i * PageSize, PageSize), (firstPage + i) * PageSize, ct);
                waits[i] = reads[i].AsTask();
            }

            await Task.WhenAll(waits).ConfigureAwait(false);
            long total = 0;
            for (int i = 0; i < count; i++)
            {
                total += waits[i].Result;
            }

            return total;
        }
        finally
        {
            ArrayPool<ValueTask<int>>.Shared.Return(reads, clearArray: true);
        }
    }
}
