// A page cache's prefetcher starts page reads into one pooled array and hands them to a read tracker; after its time budget the tracker's DisposeAsync cancels the reads but does not wait for them, and the finally returns the array while reads may still fill it.
using System;
using System.Buffers;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus46.PagePrefetchBad;

internal sealed class ReadTracker : IAsyncDisposable
{
    private readonly CancellationTokenSource _cancel = new();
    private readonly List<Task<int>> _reads = new();

    public CancellationToken Token => _cancel.Token;

    public void Track(ValueTask<int> read) => _reads.Add(read.AsTask());

    public ValueTask DisposeAsync()
    {
        _cancel.Cancel();
        _cancel.Dispose();
        return ValueTask.CompletedTask;
    }
}

internal sealed class PagePrefetcher(IoRing ring, int dataFd)
{
    private const int PageSize = 8192;

    public async Task PrefetchAsync(IReadOnlyList<long> pageNumbers, TimeSpan budget, CancellationToken ct)
    {
        byte[] pages = ArrayPool<byte>.Shared.Rent(pageNumbers.Count * PageSize);
        try
        {
            await using var tracker = new ReadTracker();
            for (int i = 0; i < pageNumbers.Count; i++)
            {
                tracker.Track(ring.ReadAsync(dataFd, pages.AsMemory(i * PageSize, PageSize), pageNumbers[i] * PageSize, tracker.Token));
            }

            await Task.Delay(budget, ct).ConfigureAwait(false);
        }
        finally
        {
            /*~ASYS1005*/ArrayPool<byte>.Shared.Return(pages);
        }
    }
}
