using System;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round9.Shared.SegmentAllocatorOk;

/// <summary>An LSM tree reserves disk space for each memtable flush; the allocator's bookkeeping is taken under its lock.</summary>
internal sealed partial class SegmentAllocator
{
    [LibraryImport("libc", EntryPoint = "posix_fallocate", SetLastError = true)]
    private static partial int PosixFallocate(int fd, long offset, long length);

    private readonly object _gate = new();
    private long _reservedBytes;
    private int _lastFailure;

    public long ReservedBytes
    {
        get { lock (_gate) { return _reservedBytes; } }
    }

    public int LastFailure
    {
        get { lock (_gate) { return _lastFailure; } }
    }

    /// <summary>Reserves <paramref name="length"/> bytes for a new segment file; returns 0 or the error number.</summary>
    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.ReturnsErrorNumber)]
    public int Reserve(int fd, long length)
    {
        int rc = PosixFallocate(fd, 0, length);   // the slow part runs unlocked
        lock (_gate)
        {
            switch (rc)
            {
                case 0:
                    _reservedBytes += length;
                    break;
                default:
                    _lastFailure = rc;
                    break;
            }
        }

        return rc;
    }
}

internal sealed class FlushScheduler(IoRing ring, SegmentAllocator allocator)
{
    public Task FlushAllAsync(int[] segmentFds, long segmentBytes, CancellationToken cancellationToken) =>
        Parallel.ForEachAsync(segmentFds, cancellationToken, async (fd, ct) => await allocator.ReserveAsync(ring, fd, segmentBytes, ct));
}
