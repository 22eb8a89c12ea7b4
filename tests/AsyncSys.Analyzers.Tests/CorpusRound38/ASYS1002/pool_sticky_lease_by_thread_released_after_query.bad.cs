// A MySQL-style pool hands out "sticky" connections keyed by the managed thread id, so nested commands on one thread
// reuse one connection. The key is read before the query's awaits and used after them to release the lease: while this
// query waited, its first thread ran another query that stored its own lease under the same key, and this removal drops
// that other query's lease (its connection is then handed to a second caller while still in use).
using System;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round38.PerThread.StickyLeaseByThread;

public sealed class StickyPool(IoRing ring)
{
    private readonly ConcurrentDictionary<int, int> _leaseByThread = new();

    public async Task<int> QueryAsync(int fd, ReadOnlyMemory<byte> query, Memory<byte> reply, CancellationToken ct)
    {
        int thread = Environment.CurrentManagedThreadId;
        _leaseByThread[thread] = fd;
        await ring.SendAsync(fd, query, MessageFlags.None, ct);
        int n = await ring.ReceiveAsync(fd, reply, MessageFlags.None, ct);
        _leaseByThread.TryRemove(/*~ASYS1002*/thread, out _);
        return n;
    }
}
