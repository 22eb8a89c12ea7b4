// A prefetcher reads a batch of pages into adjacent slices of one pinned slab, keeps the reads' ValueTasks in a pooled array, waits for them through Task.WhenAll over their AsTask()s, then sums the byte counts by awaiting each ValueTask again: each was consumed by its AsTask(), and its pooled source may already serve another operation.
using System;
using System.Buffers;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus49.PrefetchBatchBad;

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
                total += /*~ASYS1006*/await reads[i].ConfigureAwait(false);
            }

            return total;
        }
        finally
        {
            ArrayPool<ValueTask<int>>.Shared.Return(reads, clearArray: true);
        }
    }
}
