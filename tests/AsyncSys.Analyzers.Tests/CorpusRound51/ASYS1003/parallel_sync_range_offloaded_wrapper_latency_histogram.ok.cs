// A flusher calls an offloaded sync_file_range wrapper from Parallel.ForEachAsync over dirty ranges; the wrapper files each call's latency into a static histogram array with Interlocked.Increment on the bucket.
using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Numerics;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus51.SyncRangeHistogramOk;

internal static partial class RangeSync
{
    internal const uint SYNC_FILE_RANGE_WRITE = 2;

    internal static readonly long[] s_latencyBuckets = new long[32];

    [LibraryImport("libc", EntryPoint = "sync_file_range", SetLastError = true)]
    private static partial int SyncFileRangeNative(int fd, long offset, long nbytes, uint flags);

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    internal static int SyncRange(int fd, long offset, long nbytes, uint flags)
    {
        long start = Stopwatch.GetTimestamp();
        int rc = SyncFileRangeNative(fd, offset, nbytes, flags);
        long micros = (long)Stopwatch.GetElapsedTime(start).TotalMicroseconds;
        int bucket = Math.Min(31, BitOperations.Log2((ulong)micros + 1));
        Interlocked.Increment(ref s_latencyBuckets[bucket]);
        return rc;
    }
}

internal sealed class DirtyRangeFlusher(IoRing ring, int fd)
{
    public Task FlushAsync(IEnumerable<(long Offset, long Length)> ranges, CancellationToken ct) =>
        Parallel.ForEachAsync(ranges, ct, async (range, token) =>
            await RangeSync.SyncRangeAsync(ring, fd, range.Offset, range.Length, RangeSync.SYNC_FILE_RANGE_WRITE, token).ConfigureAwait(false));
}
