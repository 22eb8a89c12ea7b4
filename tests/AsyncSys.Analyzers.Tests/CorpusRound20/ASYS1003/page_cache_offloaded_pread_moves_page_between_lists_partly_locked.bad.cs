// A page cache fills a miss with an offloaded pread shim and then moves the page from the "loading" set to the LRU list.
// Only the removal is under the cache lock; the LRU append is after the lock is released, so two workers finishing
// loads at once append to the List together and one page is lost from the LRU (never evicted, leaked).
using System.Collections.Generic;
using System.Runtime.InteropServices;
using AsyncSys;

namespace Round20.SharedState.PageCacheHalfLocked;

internal static unsafe partial class Native
{
    [LibraryImport("libshim", EntryPoint = "shim_pread_page")]
    internal static partial nint PReadPage(int fd, [OutputBuffer(nameof(count))] byte* buffer, nuint count, long offset);
}

public sealed unsafe partial class PageCache
{
    private readonly object _gate = new();
    private readonly HashSet<long> _loading = new();
    private readonly List<long> _lru = new();
    private readonly int _fd;

    public PageCache(int fd) => _fd = fd;

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public nint Fill(long pageNumber, [OutputBuffer(nameof(count))] byte* page, nuint count)
    {
        nint n = Native.PReadPage(_fd, page, count, pageNumber * (long)count);
        lock (_gate)
        {
            _loading.Remove(pageNumber);
        }

        /*~ASYS1003*/_lru.Add(pageNumber);
        return n;
    }
}
