// The same lock table with the owner as a ticket returned to the caller, not a thread id.
using System;
using System.Collections.Concurrent;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round37.PerThread.LockOwnerTicket;

public sealed class PackageLocks(IoRing ring)
{
    private readonly ConcurrentDictionary<string, long> _owners = new();
    private long _nextTicket;

    public async Task<(int Fd, long Ticket)> AcquireAsync(string lockPath, CancellationToken ct)
    {
        long ticket = Interlocked.Increment(ref _nextTicket);
        int fd = await ring.OpenAtAsync(-100, lockPath, OpenFlags.Create | OpenFlags.ReadWrite, (UnixFileMode)420, ct);
        _owners[lockPath] = ticket;
        return (fd, ticket);
    }

    public void Release(string lockPath, long ticket)
    {
        if (!_owners.TryGetValue(lockPath, out long owner) || owner != ticket)
        {
            throw new InvalidOperationException("lock released with a ticket that does not own it");
        }

        _owners.TryRemove(lockPath, out _);
    }
}
