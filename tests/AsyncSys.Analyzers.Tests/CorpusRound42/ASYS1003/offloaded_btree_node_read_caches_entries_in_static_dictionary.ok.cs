// An offloaded chunk B-tree node read caches the decoded chunk address in a static ConcurrentDictionary, made for concurrent workers.
using System;
using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using AsyncSys;

namespace ArrayStore;

public readonly record struct ChunkKey(int Dataset, long Linear);

public static unsafe partial class ChunkBTree
{
    private static readonly ConcurrentDictionary<ChunkKey, long> s_addressCache = new();

    [LibraryImport("libc", EntryPoint = "pread", SetLastError = true)]
    private static partial nint pread(int fd, byte* buffer, nuint count, long offset);

    /// <summary>Reads the 16-byte leaf record of a chunk (address, size) and caches its address.</summary>
    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public static long LookupAddress(int fd, int dataset, long linear, long leafOffset)
    {
        var key = new ChunkKey(dataset, linear);
        if (s_addressCache.TryGetValue(key, out long known)) return known;
        long* record = stackalloc long[2];
        if (pread(fd, (byte*)record, 16, leafOffset + linear * 16) != 16) return -1;
        s_addressCache[key] = record[0];
        return record[0];
    }
}
