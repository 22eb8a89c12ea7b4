using System;
using System.Diagnostics;
using System.Numerics;

namespace AsyncSys.Bench.Measurement;

/// <summary>
/// Fixed log-linear buckets in the manner of HdrHistogram: exact below 64 ns, then 32 buckets per power of two
/// (at most ~3% error), up to ~68 s. Preallocated, so recording never allocates. One per loop: each loop awaits
/// one operation at a time, so its histogram is never written by two threads at once.
/// </summary>
internal sealed class LatencyHistogram
{
    private const int SubBits = 5;
    private const int SubCount = 1 << SubBits;
    private const int LinearLimit = SubCount * 2;
    private const int MaxShift = 30;

    /// <summary>Bucket count: the linear part plus 32 buckets for each shift 1..30.</summary>
    internal const int BucketCount = LinearLimit + (MaxShift * SubCount);

    private static readonly double NanosPerTick = 1e9 / Stopwatch.Frequency;

    private readonly long[] _counts = new long[BucketCount];

    internal long Count { get; private set; }

    internal void RecordTicks(long ticks) => RecordNanos((long)(ticks * NanosPerTick));

    internal void RecordNanos(long nanos)
    {
        _counts[IndexOf(nanos)]++;
        Count++;
    }

    internal void Add(LatencyHistogram other)
    {
        for (int i = 0; i < BucketCount; i++)
        {
            _counts[i] += other._counts[i];
        }

        Count += other.Count;
    }

    internal void Clear()
    {
        Array.Clear(_counts);
        Count = 0;
    }

    /// <summary>The value at <paramref name="percentile"/> (0..100) in nanoseconds: the middle of its bucket; null when empty.</summary>
    internal double? PercentileNanos(double percentile)
    {
        if (Count == 0)
        {
            return null;
        }

        long rank = Math.Max(1, (long)Math.Ceiling(percentile / 100 * Count));
        long seen = 0;
        for (int i = 0; i < BucketCount; i++)
        {
            seen += _counts[i];
            if (seen >= rank)
            {
                return Middle(i);
            }
        }

        return Middle(BucketCount - 1);
    }

    internal static int IndexOf(long nanos)
    {
        if (nanos < LinearLimit)
        {
            return (int)Math.Max(0, nanos);
        }

        int shift = Math.Min(63 - BitOperations.LeadingZeroCount((ulong)nanos) - SubBits, MaxShift);
        long top = Math.Min(nanos >> shift, (SubCount * 2) - 1); // 32..63; clamped past ~68 s
        return LinearLimit + ((shift - 1) * SubCount) + (int)(top - SubCount);
    }

    internal static double Middle(int index)
    {
        if (index < LinearLimit)
        {
            return index;
        }

        int shift = ((index - LinearLimit) / SubCount) + 1;
        long top = ((index - LinearLimit) % SubCount) + SubCount;
        long low = top << shift;
        return low + ((1L << shift) / 2.0);
    }
}
