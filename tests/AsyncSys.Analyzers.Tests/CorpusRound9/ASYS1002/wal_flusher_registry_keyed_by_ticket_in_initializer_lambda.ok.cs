using System;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round9.Threads.WalFlusherRegistryOk;

/// <summary>A WAL flusher registers each fdatasync under a ticket of its own so a stall detector can name the waiting LSNs.</summary>
internal sealed class WalFlusher(IoRing ring, int fd)
{
    private static readonly ConcurrentDictionary<long, long> s_flushing = new();   // flush ticket -> LSN it is syncing
    private static long s_nextTicket;

    private readonly Func<long, CancellationToken, Task> _flush = async (lsn, cancellationToken) =>
    {
        long ticket = Interlocked.Increment(ref s_nextTicket);
        s_flushing[ticket] = lsn;
        try
        {
            await ring.FdatasyncAsync(fd, cancellationToken);
        }
        finally
        {
            s_flushing.TryRemove(ticket, out _);
        }
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
