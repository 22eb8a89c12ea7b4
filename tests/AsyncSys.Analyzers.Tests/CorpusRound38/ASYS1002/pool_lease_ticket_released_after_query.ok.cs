// A MySQL-style pool records each lease under a ticket drawn from a counter, not under the thread id. The ticket is the
// query's own on whichever thread it resumes, so releasing it after the awaits removes exactly this query's lease.
using System;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round38.PerThread.LeaseTicket;

public sealed class TicketPool(IoRing ring)
{
    private readonly ConcurrentDictionary<long, int> _leases = new();
    private long _nextTicket;

    public async Task<int> QueryAsync(int fd, ReadOnlyMemory<byte> query, Memory<byte> reply, CancellationToken ct)
    {
        long ticket = Interlocked.Increment(ref _nextTicket);
        _leases[ticket] = fd;
        await ring.SendAsync(fd, query, MessageFlags.None, ct);
        int n = await ring.ReceiveAsync(fd, reply, MessageFlags.None, ct);
        _leases.TryRemove(ticket, out _);
        return n;
    }
}
