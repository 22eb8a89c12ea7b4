using System;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round9.Threads.WalFlusherRegistry;

/// <summary>A WAL flusher registers each fdatasync it runs so a stall detector can name the LSNs waiting on a slow disk.</summary>
internal sealed class WalFlusher(IoRing ring, int fd)
{
    private static readonly ConcurrentDictionary<int, long> s_flushing = new();   // thread -> LSN it is syncing

    // one delegate shared by the group-commit timer and the commit path
    private readonly Func<long, CancellationToken, Task> _flush = async (lsn, cancellationToken) =>
    {
        int flusher = Environment.CurrentManagedThreadId;
        s_flushing[flusher] = lsn;
        await ring.FdatasyncAsync(fd, cancellationToken);
        s_flushing.TryRemove(/*~ASYS1002*/flusher, out _);   // may drop another flush's entry that started on that thread meanwhile
    };

    public Task FlushAsync(long lsn, CancellationToken cancellationToken) => _flush(lsn, cancellationToken);

    public static long? OldestWaiting()
    {
        long? oldest = null;
        foreach (long lsn in s_flushing.Values)
        {
            oldest = oldest is null || lsn < oldest ? lsn : oldest;
        }

        return oldest;
    }
}
