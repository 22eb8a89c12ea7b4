// A log-segment store's offloaded posix_fadvise wrapper records its latency through a stats helper that increments the shared histogram bucket with Interlocked.
using System;
using System.Diagnostics;
using System.Numerics;
using System.Runtime.InteropServices;
using System.Threading;
using AsyncSys;

namespace Corpus46.SegmentStatsOk;

internal static class SegmentStats
{
    private static readonly long[] s_latencyBuckets = new long[16];

    internal static void Record(long elapsedTicks)
    {
        int bucket = Math.Min(15, BitOperations.Log2((ulong)Math.Max(1, elapsedTicks)) / 2);
        Interlocked.Increment(ref s_latencyBuckets[bucket]);
    }

    internal static long Count(int bucket) => Volatile.Read(ref s_latencyBuckets[bucket]);
}

internal static partial class SegmentNative
{
    private const int POSIX_FADV_DONTNEED = 4;

    [LibraryImport("libc", EntryPoint = "posix_fadvise")]
    private static partial int PosixFadvise(int fd, long offset, long length, int advice);

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.ReturnsErrorNumber)]
    internal static int DropCache(int fd, long offset, long length)
    {
        long start = Stopwatch.GetTimestamp();
        int rc = PosixFadvise(fd, offset, length, POSIX_FADV_DONTNEED);
        SegmentStats.Record(Stopwatch.GetTimestamp() - start);
        return rc;
    }
}
