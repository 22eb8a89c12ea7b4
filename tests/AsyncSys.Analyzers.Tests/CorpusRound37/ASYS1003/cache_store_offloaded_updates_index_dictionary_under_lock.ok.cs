// A content-addressed cache stores blobs with an offloaded wrapper and updates its in-memory index under a lock.
using System.Collections.Generic;
using AsyncSys;

namespace Round37.SharedState.CacheIndexLocked;

public sealed partial class BlobCache
{
    private readonly object _gate = new();
    private readonly Dictionary<string, long> _sizes = new();

    [AsyncSyscall(Errors = SyscallErrors.NeverFails)]
    public int StoreBlob(int fd, string digest, long size)
    {
        lock (_gate)
        {
            _sizes[digest] = size;
        }

        return fd;
    }
}
