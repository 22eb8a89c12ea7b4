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
/// <remarks>
/// Time the thread spent waiting for a CPU (preempted on a busy machine) is not the continuation's: without this, a
/// loaded 2-core machine tripped the watchdog 130-190 times in 3 s with nothing but short continuations, and inline
/// and ring-context delivery spent most of their time on the pool. So a continuation that ran past the threshold
/// only trips it if it is still past after subtracting the thread's run-queue wait (<see cref="RunQueueDelay"/>,
/// sampled at a continuation's start at most once per millisecond, so no syscall on the common path; read again only
/// for a continuation past the threshold). Where that counter cannot be read, every long continuation trips it.
/// </remarks>
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
    private readonly long _sampleTicks; // run-queue wait sampled at most this often: 1 ms, or the threshold if shorter
    private long _poolUntil;
    private long _poolTicks;
    private bool _tripped;
    private long _sampledAt; // Stopwatch ticks count from boot: the first continuation samples
    private long _sampledDelayNs;
    private bool _sampleValid;
    private long _lastFinish; // when the last continuation of this pass finished; 0 outside a pass
    private long _runningSince; // Start's timestamp while user code runs on the ring thread, 0 otherwise (read by the stall check)
    private long _stallReportedFor; // the _runningSince value of the stall already reported (touched by the stall check only)
    private Timer? _stallCheck;
    private bool _closed;

    /// <summary>
    /// Ends a pass of continuations: the next one reads the clock for its start. Call before the thread may wait
    /// (for the kernel, for work): that wait is nobody's continuation.
    /// </summary>
    internal void EndPass() => _lastFinish = 0;

    internal ContinuationWatchdog(string ring, TimeSpan? threshold, TimeSpan? poolPeriod)
    {
        _ring = ring;
        Threshold = threshold ?? DefaultThreshold;
        _thresholdTicks = (long)(Threshold.TotalSeconds * Stopwatch.Frequency);
        _initialPoolTicks = poolPeriod is { } period ? (long)(period.TotalSeconds * Stopwatch.Frequency) : InitialPoolTicks;
        _poolTicks = _initialPoolTicks;
        _sampleTicks = Math.Min(_thresholdTicks, Stopwatch.Frequency / 1000);
    }

    internal TimeSpan Threshold { get; }

    /// <summary>The name of the ring whose user code this watchdog times.</summary>
    internal string RingName => _ring;

    /// <summary>Times this ring's watchdog tripped (tests, diagnostics).</summary>
    internal int Trips;

    /// <summary>Times delivery went back inline after a trip.</summary>
    internal int Recoveries;

    /// <summary>Continuations past the threshold only because their thread waited for a CPU (no trip).</summary>
    internal int Preemptions;

    /// <summary>
    /// Starts timing one continuation. Right after another one finished in the same pass, its end is this one's start:
    /// one clock read per continuation instead of two (a quarter of all CPU samples were clock reads in a profile of 64
    /// awaited Nop loops on the ring's context). What the ring thread does between two continuations of a pass (reaping
    /// the next completion) is charged to the second; it never waits there.
    /// </summary>
    internal long Start()
    {
        long now = _lastFinish != 0 ? _lastFinish : Stopwatch.GetTimestamp();
        if (now - _sampledAt >= _sampleTicks)
        {
            _sampleValid = RunQueueDelay.TryRead(out _sampledDelayNs);
            _sampledAt = now;
            if (_stallCheck is null)
            {
                StartStallCheck(); // the first user code this thread runs: from now on a stall is looked for
            }
        }

        Volatile.Write(ref _runningSince, now);
        return now;
    }

    /// <summary>
    /// A stall is code on the ring thread that has run past <see cref="StallReportAfter"/> and is still running: no
    /// operation of the ring completes until it returns (a continuation that waits synchronously for this ring, or
    /// disposes a Socket one of its operations uses). <see cref="Finish"/> can only report it once it is over, so a
    /// timer looks for it, once a second, and reports each stall once while it lasts.
    /// </summary>
    internal static readonly TimeSpan StallReportAfter = TimeSpan.FromSeconds(1);

    /// <summary>Stalls reported (tests, diagnostics).</summary>
    internal int Stalls;

    private void StartStallCheck()
    {
        // The timer holds the watchdog weakly: a watchdog nobody closed (a test's) is collected, and its timer then stops.
        var self = new WeakReference<ContinuationWatchdog>(this);
        using (ExecutionContext.SuppressFlow())
        {
            _stallCheck = new Timer(static state => CheckForStall((WeakReference<ContinuationWatchdog>)state!), self, StallCheckPeriod, StallCheckPeriod);
        }
    }

    private static readonly TimeSpan StallCheckPeriod = TimeSpan.FromMilliseconds(500);

    private static void CheckForStall(WeakReference<ContinuationWatchdog> reference)
    {
        if (!reference.TryGetTarget(out ContinuationWatchdog? watchdog))
        {
            return; // collected: its timer is collected with it
        }

        long since = Volatile.Read(ref watchdog._runningSince);
        if (since == 0 || since == watchdog._stallReportedFor || Volatile.Read(ref watchdog._closed))
        {
            return;
        }

        long elapsed = Stopwatch.GetTimestamp() - since;
        if (elapsed < (long)(StallReportAfter.TotalSeconds * Stopwatch.Frequency))
        {
            return;
        }

        watchdog._stallReportedFor = since;
        Interlocked.Increment(ref watchdog.Stalls);
        RingMetrics.OnRingThreadStall(watchdog._ring); // isolates a metrics listener that throws
        try
        {
            AsyncSysEventSource.Log.RingThreadStalled(watchdog._ring, elapsed * 1000 / Stopwatch.Frequency);
        }
        catch (Exception ex)
        {
            // An event listener that throws is user code: reported, and the timer (a pool thread) carries on.
            UserCallbacks.Report(watchdog._ring, "event listener", ex);
        }
    }

    /// <summary>Stops looking for stalls: the ring thread has ended.</summary>
    internal void Close()
    {
        Volatile.Write(ref _closed, true);
        _stallCheck?.Dispose();
    }

    /// <summary>Ends the timing begun by <see cref="Start"/>; trips when the code ran past the threshold.</summary>
    internal void Finish(long started)
    {
        Volatile.Write(ref _runningSince, 0);
        long now = Stopwatch.GetTimestamp();
        _lastFinish = now;
        long elapsed = now - started;
        if (elapsed <= _thresholdTicks)
        {
            return;
        }

        if (_sampleValid && RunQueueDelay.TryRead(out long delayNs)
            && WasOnlyPreempted(elapsed, _thresholdTicks, NanosecondsToTicks(delayNs - _sampledDelayNs)))
        {
            Interlocked.Increment(ref Preemptions);
            return;
        }

        Trip(now, elapsed);
    }

    /// <summary>
    /// Whether a continuation that took <paramref name="elapsed"/> was within <paramref name="threshold"/> once its
    /// thread's wait for a CPU (<paramref name="waited"/>, since the last sample) is taken off. A blocked or busy
    /// continuation waits for no CPU, so it is never excused; the sample is at most one sampling period old, so at
    /// worst that much wait from just before the start is credited to a continuation that was preempted then.
    /// </summary>
    internal static bool WasOnlyPreempted(long elapsed, long threshold, long waited)
    {
        long waitedDuring = Math.Min(waited, elapsed);
        return waitedDuring > 0 && elapsed - waitedDuring <= threshold;
    }

    private static long NanosecondsToTicks(long nanoseconds) => (long)(nanoseconds * (Stopwatch.Frequency / 1e9));

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
