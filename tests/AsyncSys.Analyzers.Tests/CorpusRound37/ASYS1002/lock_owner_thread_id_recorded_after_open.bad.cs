// An in-process lock table for a package store records which thread holds a package's lock: the id is taken, the lock
// file is opened on the ring (awaited), then the id is stored as the owner. Release checks the owner against the
// releasing thread; the continuation ran elsewhere, so the recorded owner is a thread that never held it, and the
// release throws or, worse, another caller on that thread "re-enters" a lock it does not hold.
using System;
using System.Collections.Concurrent;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round37.PerThread.LockOwnerThreadId;

public sealed class PackageLocks(IoRing ring)
{
    private readonly ConcurrentDictionary<string, int> _owners = new();

    public async Task<int> AcquireAsync(string lockPath, CancellationToken ct)
    {
        int me = Environment.CurrentManagedThreadId;
        int fd = await ring.OpenAtAsync(-100, lockPath, OpenFlags.Create | OpenFlags.ReadWrite, (UnixFileMode)420, ct);
        _owners[lockPath] = /*~ASYS1002*/me;
        return fd;
    }

    public void Release(string lockPath)
    {
        if (!_owners.TryGetValue(lockPath, out int owner) || owner != Environment.CurrentManagedThreadId)
        {
            throw new InvalidOperationException("lock released by a thread that does not own it");
        }

        _owners.TryRemove(lockPath, out _);
    }
}
