// A segment reader keeps the running query's read-ahead hint in a ThreadLocal field set by the searching thread; the caller reads it through the instance property on its own thread and passes it to the offloaded prefetch wrapper.
using System;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Search.Store;

public sealed record QueryHints(long ReadAheadBytes);

public sealed partial class SegmentReader : IDisposable
{
    private const int POSIX_FADV_WILLNEED = 3;

    private readonly ThreadLocal<QueryHints?> _hints = new();
    private readonly int _fd;

    public SegmentReader(int fd) => _fd = fd;

    private long ReadAhead => _hints.Value?.ReadAheadBytes ?? 0;

    [LibraryImport("libc", EntryPoint = "posix_fadvise")]
    private static partial int posix_fadvise(int fd, long offset, long length, int advice);

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.ReturnsErrorNumber)]
    public int Prefetch(long offset, long length) => posix_fadvise(_fd, offset, length, POSIX_FADV_WILLNEED);

    public ValueTask<int> PrefetchForAsync(QueryHints hints, long postingsOffset, CancellationToken ct)
    {
        _hints.Value = hints;
        return PrefetchAsync(postingsOffset, ReadAhead, ct);
    }

    public void Dispose() => _hints.Dispose();
}
