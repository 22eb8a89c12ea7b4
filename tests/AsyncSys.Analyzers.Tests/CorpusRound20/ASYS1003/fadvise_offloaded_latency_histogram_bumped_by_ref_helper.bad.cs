// A prefetcher issues posix_fadvise(WILLNEED) hints through an offloaded wrapper (the shim's entry point is outside the
// table) and records each call's latency in a static histogram through a ref helper. Many hints run at once on
// workers, and the helper's plain increment of the shared bucket loses counts, so the latency dashboard under-reports.
using System.Diagnostics;
using System.Runtime.InteropServices;
using AsyncSys;

namespace Round20.SharedState.FadviseHistogramRef;

internal static partial class Native
{
    [LibraryImport("libshim", EntryPoint = "shim_fadvise_willneed")]
    internal static partial int FadviseWillNeed(int fd, long offset, long length);
}

public static partial class Prefetch
{
    internal static readonly long[] s_latencyBuckets = new long[32];

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.ReturnsErrorNumber)]
    public static int Hint(int fd, long offset, long length)
    {
        long started = Stopwatch.GetTimestamp();
        int error = Native.FadviseWillNeed(fd, offset, length);
        long micros = (long)Stopwatch.GetElapsedTime(started).TotalMicroseconds;
        int bucket = micros <= 0 ? 0 : System.Math.Min(31, 63 - System.Numerics.BitOperations.LeadingZeroCount((ulong)micros));
        Bump(ref s_latencyBuckets[bucket]);
        return error;
    }

    private static void Bump(ref long slot) => /*~ASYS1003*/slot++;
}
