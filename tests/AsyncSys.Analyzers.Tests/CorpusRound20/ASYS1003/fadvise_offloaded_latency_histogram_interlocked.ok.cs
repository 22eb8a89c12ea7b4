// The same histogram bumped with Interlocked.Increment on the shared bucket, and a per-call struct copy of the totals
// changed freely (a copy is the call's own).
using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Threading;
using AsyncSys;

namespace Round20.SharedState.FadviseHistogramInterlocked;

public struct HintTotals
{
    public long Calls;
    public long Failures;
}

internal static partial class Native
{
    [LibraryImport("libshim", EntryPoint = "shim_fadvise_willneed")]
    internal static partial int FadviseWillNeed(int fd, long offset, long length);
}

public static partial class Prefetch
{
    internal static readonly long[] s_latencyBuckets = new long[32];
    internal static HintTotals s_template;

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.ReturnsErrorNumber)]
    public static int Hint(int fd, long offset, long length)
    {
        long started = Stopwatch.GetTimestamp();
        int error = Native.FadviseWillNeed(fd, offset, length);
        long micros = (long)Stopwatch.GetElapsedTime(started).TotalMicroseconds;
        int bucket = micros <= 0 ? 0 : System.Math.Min(31, 63 - System.Numerics.BitOperations.LeadingZeroCount((ulong)micros));
        Interlocked.Increment(ref s_latencyBuckets[bucket]);
        HintTotals mine = s_template;
        mine.Calls++;
        if (error != 0)
        {
            mine.Failures++;
        }

        return mine.Failures > 0 ? error : 0;
    }
}
