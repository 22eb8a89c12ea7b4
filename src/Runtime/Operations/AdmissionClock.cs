using System;
using System.Diagnostics;
using AsyncSys.Diagnostics;

namespace AsyncSys.Operations;

/// <summary>
/// The time an operation is admitted, in Stopwatch ticks. Every operation records it (in-flight lists show its age),
/// but only the duration metric needs it exact: the exact clock (CLOCK_MONOTONIC) cost 45-50 ns per read on this VM,
/// the coarse one (CLOCK_MONOTONIC_COARSE, the same clock as of the last tick) 10-15 ns; in a profile of 64 awaited Nop
/// loops on the ring's context one exact read per operation was about 7 % of all samples.
/// </summary>
internal static class AdmissionClock
{
    private static readonly long TicksPerMillisecond = Stopwatch.Frequency / 1000;

    /// <summary>Exact while <c>asyncsys.op.duration</c> is listened to; otherwise up to one tick of the coarse clock early (4-7 ms measured on this VM; at most 10 ms with HZ=100).</summary>
    internal static long Now() => RingMetrics.Duration.Enabled ? Stopwatch.GetTimestamp() : Environment.TickCount64 * TicksPerMillisecond;
}
