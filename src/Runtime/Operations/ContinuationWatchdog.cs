using System;
using System.Diagnostics;
using System.Threading;
using AsyncSys.Diagnostics;

namespace AsyncSys.Operations;

/// <summary>
/// Times the user code a ring thread runs (inline continuations, work on the ring's context). One that runs longer
/// than <see cref="Threshold"/> held every operation of the ring for that long; after it, awaiters that are not bound
/// to the ring's context resume on the thread pool for a while (100 ms, doubling while it keeps happening, up to
/// 10 s), then inline again. Each trip is counted (<c>asyncsys.continuations.long</c>) and traced
/// (EventSource events 8 and 9). Used only by the ring thread.
/// </summary>
internal sealed class ContinuationWatchdog
{
    /// <summary>
    /// The default limit: 1 ms. Measured in bench/ (ringcontext case, 2 loaded cores): a whole round of 64 Nop loops
    /// resumed on the ring thread took 71-137 µs at p99 (about 1-2 µs per continuation), 32 page-cached 4 KiB read
    /// loops 122-150 µs. 1 ms is several rounds of normal work, yet short enough that a stalled ring is reported
    /// long before a request times out. Preemption on a loaded machine can also exceed it; a trip then costs only
    /// 100 ms of pool delivery.
    /// </summary>
    internal static readonly TimeSpan DefaultThreshold = TimeSpan.FromMilliseconds(1);

    private static readonly long InitialPoolTicks = Stopwatch.Frequency / 10; // 100 ms
    private static readonly long MaxPoolTicks = Stopwatch.Frequency * 10;

    private readonly string _ring;
    private readonly long _thresholdTicks;
    private readonly long _initialPoolTicks;
    private long _poolUntil;
    private long _poolTicks;
    private bool _tripped;

    internal ContinuationWatchdog(string ring, TimeSpan? threshold, TimeSpan? poolPeriod)
    {
        _ring = ring;
        Threshold = threshold ?? DefaultThreshold;
        _thresholdTicks = (long)(Threshold.TotalSeconds * Stopwatch.Frequency);
        _initialPoolTicks = poolPeriod is { } period ? (long)(period.TotalSeconds * Stopwatch.Frequency) : InitialPoolTicks;
        _poolTicks = _initialPoolTicks;
    }

    internal TimeSpan Threshold { get; }

    /// <summary>Times this ring's watchdog tripped (tests, diagnostics).</summary>
    internal int Trips;

    /// <summary>Times delivery went back inline after a trip.</summary>
    internal int Recoveries;

    internal long Start() => Stopwatch.GetTimestamp();

    /// <summary>Ends the timing begun by <see cref="Start"/>; trips when the code ran past the threshold.</summary>
    internal void Finish(long started)
    {
        long now = Stopwatch.GetTimestamp();
        long elapsed = now - started;
        if (elapsed > _thresholdTicks)
        {
            Trip(now, elapsed);
        }
    }

    /// <summary>
    /// Whether continuations may run in the middle of a reaping pass now: awaiters not bound to the ring's context
    /// resume on the ring thread (inline rings), ring-context awaiters inline rather than after the pass. False from a
    /// trip until its pool period is over; the first call after that ends the period.
    /// </summary>
    internal bool AllowsInline
    {
        get
        {
            if (!_tripped)
            {
                return true;
            }

            long now = Stopwatch.GetTimestamp();
            if (now < _poolUntil)
            {
                return false;
            }

            _tripped = false;
            Interlocked.Increment(ref Recoveries);
            AsyncSysEventSource.Log.InlineDeliveryRestored(_ring, (int)(_poolTicks * 1000 / Stopwatch.Frequency));
            return true;
        }
    }

    private void Trip(long now, long elapsed)
    {
        // A trip soon after recovering doubles the time on the pool; a long quiet spell resets it.
        if (!_tripped && now - _poolUntil > 4 * _poolTicks)
        {
            _poolTicks = _initialPoolTicks;
        }
        else if (!_tripped)
        {
            _poolTicks = Math.Min(_poolTicks * 2, MaxPoolTicks);
        }

        _tripped = true;
        _poolUntil = now + _poolTicks;
        Interlocked.Increment(ref Trips);
        double milliseconds = elapsed * 1000.0 / Stopwatch.Frequency;
        RingMetrics.OnLongContinuation(_ring);
        AsyncSysEventSource.Log.LongContinuation(_ring, milliseconds, (int)(_poolTicks * 1000 / Stopwatch.Frequency));
    }
}
