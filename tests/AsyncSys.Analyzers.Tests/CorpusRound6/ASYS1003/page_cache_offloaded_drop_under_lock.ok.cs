using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round6.Shared.PageCacheDropLocked;

/// <summary>The same cache with the frame table and the LRU list changed under the cache's lock.</summary>
internal sealed partial class PageCache
{
    private const int PageSize = 4096;
    private const int POSIX_FADV_DONTNEED = 4;

    private readonly object _gate = new();
    private readonly int _fd;
    private readonly Dictionary<long, byte[]> _frames = new();
    private readonly LinkedList<long> _lru = new();

    public PageCache(int fd) => _fd = fd;

    [DllImport("libc", EntryPoint = "posix_fadvise")]
    private static extern int PosixFadvise(int fd, long offset, long length, int advice);

    public byte[]? TryGet(long pageNo)
    {
        lock (_gate)
        {
            if (!_frames.TryGetValue(pageNo, out byte[]? frame))
            {
                return null;
            }

            _lru.Remove(pageNo);
            _lru.AddFirst(pageNo);
            return frame;
        }
    }

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.ReturnsErrorNumber)]
    public int DropPage(long pageNo)
    {
        lock (_gate)
        {
            _frames.Remove(pageNo);
            _lru.Remove(pageNo);
        }

        return PosixFadvise(_fd, pageNo * PageSize, PageSize, POSIX_FADV_DONTNEED);
    }

    public async Task DropRangeAsync(long first, int count, CancellationToken cancellationToken)
    {
        for (long page = first; page < first + count; page++)
        {
            await DropPageAsync(page, cancellationToken);
        }
    }
}
