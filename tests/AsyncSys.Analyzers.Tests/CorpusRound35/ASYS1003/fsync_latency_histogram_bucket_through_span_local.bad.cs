// The agent's fsync latency histogram is a static long[]; the offloaded fsync wrapper times the call and bumps a
// bucket through a Span<long> view of the array. Workers fsync concurrently: the ++ through the view loses counts and
// the exported p99 understates slow disks.
using System;
using System.Diagnostics;
using System.Numerics;
using System.Runtime.InteropServices;
using AsyncSys;

namespace Round35.Shared.LatencyHistogramSpan;

internal static class Native
{
    [DllImport("libc", EntryPoint = "fsync", SetLastError = true)]
    internal static extern int Fsync(int fd);
}

public static partial class TimedSync
{
    internal static readonly long[] s_latencyBuckets = new long[32];

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public static int SyncTimed(int fd)
    {
        long start = Stopwatch.GetTimestamp();
        int rc = Native.Fsync(fd);
        long micros = (long)Stopwatch.GetElapsedTime(start).TotalMicroseconds;
        Span<long> buckets = s_latencyBuckets;
        int bucket = Math.Min(buckets.Length - 1, BitOperations.Log2((ulong)micros + 1));
        /*~ASYS1003*/buckets[bucket]++;
        return rc;
    }
}
