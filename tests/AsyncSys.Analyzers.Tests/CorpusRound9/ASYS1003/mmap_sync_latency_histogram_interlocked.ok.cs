using System;
using System.Diagnostics;
using System.Numerics;
using System.Runtime.InteropServices;
using System.Threading;
using AsyncSys;

namespace Round9.Shared.MappedSyncHistogramOk;

/// <summary>A memory-mapped table syncs dirty ranges through an offloaded msync; the latency histogram is updated atomically.</summary>
internal static partial class MappedSync
{
    private const int MS_SYNC = 4;

    private static readonly long[] s_latencyBuckets = new long[32];

    [LibraryImport("libc", EntryPoint = "msync", SetLastError = true)]
    private static partial int Msync(nint address, nuint length, int flags);

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public static int SyncRange(nint address, nuint length)
    {
        long started = Stopwatch.GetTimestamp();
        int rc = Msync(address, length, MS_SYNC);
        Record(Stopwatch.GetElapsedTime(started));
        return rc;

        static void Record(TimeSpan elapsed)
        {
            ulong micros = (ulong)Math.Max(1, elapsed.Ticks / 10);
            int bucket = Math.Min(63 - BitOperations.LeadingZeroCount(micros), 31);
            Interlocked.Increment(ref s_latencyBuckets[bucket]);
        }
    }

    public static long[] Snapshot()
    {
        long[] copy = new long[s_latencyBuckets.Length];
        for (int i = 0; i < copy.Length; i++)
        {
            copy[i] = Volatile.Read(ref s_latencyBuckets[i]);
        }

        return copy;
    }
}
