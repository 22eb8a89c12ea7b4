// Hosted workers take a lease file's lock through an offloaded flock wrapper that reports how long it waited through a metrics facade, two calls down to a shared histogram that increments its bucket without synchronization; the workers' wrappers run on several blocking-call threads at once.
using System;
using System.Diagnostics;
using System.Numerics;
using System.Runtime.InteropServices;
using System.Threading;
using AsyncSys;

namespace Corpus47.LockMetricsBad;

/// <summary>A latency histogram with power-of-two buckets, shared by every caller of the metric it belongs to.</summary>
internal sealed class Histogram
{
    private readonly long[] _counts = new long[32];

    public void Record(long microseconds)
    {
        int bucket = Math.Min(31, BitOperations.Log2((ulong)Math.Max(1, microseconds)));
        /*~ASYS1003*/_counts[bucket]++;
    }

    public long CountOf(int bucket) => Volatile.Read(ref _counts[bucket]);
}

/// <summary>Metrics the host's hosted services report through, one static instance per process.</summary>
internal static class LockMetrics
{
    private static readonly Histogram s_waitTime = new();

    public static void ObserveWait(long startTimestamp)
    {
        long micros = (long)Stopwatch.GetElapsedTime(startTimestamp).TotalMicroseconds;
        s_waitTime.Record(micros);
    }

    public static long CountOf(int bucket) => s_waitTime.CountOf(bucket);
}

internal static partial class LeaseFiles
{
    private const int LOCK_EX = 2;

    [LibraryImport("libc", EntryPoint = "flock", SetLastError = true)]
    private static partial int Flock(int fd, int operation);

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    internal static int AcquireExclusive(int fd)
    {
        long start = Stopwatch.GetTimestamp();
        int rc = Flock(fd, LOCK_EX);
        LockMetrics.ObserveWait(start);
        return rc;
    }
}
