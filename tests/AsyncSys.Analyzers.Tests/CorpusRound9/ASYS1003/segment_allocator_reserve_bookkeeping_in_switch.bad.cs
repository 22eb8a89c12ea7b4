using System;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round9.Shared.SegmentAllocator;

/// <summary>An LSM tree reserves disk space for each memtable flush; one allocator serves every flush, and flushes run in parallel.</summary>
internal sealed partial class SegmentAllocator
{
    [LibraryImport("libc", EntryPoint = "posix_fallocate", SetLastError = true)]
    private static partial int PosixFallocate(int fd, long offset, long length);

    private long _reservedBytes;
    private int _lastFailure;

    public long ReservedBytes => Volatile.Read(ref _reservedBytes);

    public int LastFailure => Volatile.Read(ref _lastFailure);

    /// <summary>Reserves <paramref name="length"/> bytes for a new segment file; returns 0 or the error number.</summary>
    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.ReturnsErrorNumber)]
    public int Reserve(int fd, long length)
    {
        int rc = PosixFallocate(fd, 0, length);
        switch (rc)
        {
            case 0:
                /*~ASYS1003*/_reservedBytes += length;   // two flushes on two workers: one addition is lost
                break;
            default:
                /*~ASYS1003*/_lastFailure = rc;
                break;
        }

        return rc;
    }
}

internal sealed class FlushScheduler(IoRing ring, SegmentAllocator allocator)
{
    public Task FlushAllAsync(int[] segmentFds, long segmentBytes, CancellationToken cancellationToken) =>
        Parallel.ForEachAsync(segmentFds, cancellationToken, async (fd, ct) => await allocator.ReserveAsync(ring, fd, segmentBytes, ct));
}
