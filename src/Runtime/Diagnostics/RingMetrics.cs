using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using AsyncSys.Operations;
using AsyncSys.Shared;

namespace AsyncSys.Diagnostics;

/// <summary>
/// The ring's live metrics (System.Diagnostics.Metrics, meter "AsyncSys"). Every instrument is checked with
/// <c>Enabled</c> first, so with no listener an operation pays one field read per instrument.
/// Watch them with: <c>dotnet-counters monitor -n &lt;process&gt; --counters AsyncSys</c>.
/// </summary>
internal static class RingMetrics
{
    internal const string MeterName = "AsyncSys";

    internal static readonly Meter Meter = new(MeterName, typeof(RingMetrics).Assembly.GetName().Version?.ToString());

    internal static readonly Counter<long> Submitted = Meter.CreateCounter<long>("asyncsys.ops.submitted", "{operation}", "Operations admitted to a ring.");
    internal static readonly Counter<long> Completed = Meter.CreateCounter<long>("asyncsys.ops.completed", "{operation}", "Operations completed successfully.");
    internal static readonly Counter<long> Cancelled = Meter.CreateCounter<long>("asyncsys.ops.cancelled", "{operation}", "Operations that ended cancelled (token, cancel-all, dispose).");
    internal static readonly Counter<long> Failed = Meter.CreateCounter<long>("asyncsys.ops.failed", "{operation}", "Operations that ended with an errno.");
    internal static readonly Counter<long> Offloaded = Meter.CreateCounter<long>("asyncsys.ops.offloaded", "{operation}", "Operations run on a blocking-call worker.");
    internal static readonly Counter<long> Immediate = Meter.CreateCounter<long>("asyncsys.ops.immediate", "{operation}", "Operations completed on the submitting thread by a non-blocking attempt, without a ring round trip.");
    internal static readonly Counter<long> LongContinuations = Meter.CreateCounter<long>("asyncsys.continuations.long", "{continuation}", "Code on a ring thread (an inline continuation, work on the ring's context) that ran past the watchdog's limit; each moves the ring's unbound continuations to the thread pool for a while.");
    internal static readonly Counter<long> RingThreadStalls = Meter.CreateCounter<long>("asyncsys.ring.stalls", "{stall}", "Code on a ring thread that ran past 1 s without returning (reported while it runs): every operation of the ring waited for it.");
    internal static readonly Counter<long> CancelsRetried = Meter.CreateCounter<long>("asyncsys.cancels.retried", "{request}", "io_uring cancel requests sent again because the kernel answered that it had not found the operation (ENOENT) or was already running it (EALREADY) while it was still in flight.");
    internal static readonly Histogram<double> Duration = Meter.CreateHistogram<double>("asyncsys.op.duration", "s", "Time from admission to completion.");

    private static readonly object RingsLock = new();
    private static readonly List<WeakReference<IoRing>> Rings = new();
    private static readonly string[] OpNames = BuildOpNames();

    static RingMetrics()
    {
        Meter.CreateObservableUpDownCounter("asyncsys.ops.in_flight", ObserveInFlight, "{operation}", "Operations admitted and not yet completed.");
        Meter.CreateObservableCounter("asyncsys.callbacks.failed", static () => UserCallbacks.Failures, "{callback}", "User callbacks (cancel hooks, metrics listeners) that threw; each was isolated and reported.");
    }

    internal static void Register(IoRing ring)
    {
        lock (RingsLock)
        {
            Rings.RemoveAll(static w => !w.TryGetTarget(out _));
            Rings.Add(new WeakReference<IoRing>(ring));
        }
    }

    internal static void Unregister(IoRing ring)
    {
        lock (RingsLock)
        {
            Rings.RemoveAll(w => !w.TryGetTarget(out IoRing? r) || ReferenceEquals(r, ring));
        }
    }

    internal static void OnRingThreadStall(string ring)
    {
        if (RingThreadStalls.Enabled)
        {
            try
            {
                RingThreadStalls.Add(1, new KeyValuePair<string, object?>("asyncsys.ring", ring));
            }
            catch (Exception ex)
            {
                UserCallbacks.Report(ring, "metrics listener", ex);
            }
        }
    }

    internal static void OnCancelRetried(string ring)
    {
        if (CancelsRetried.Enabled)
        {
            try
            {
                CancelsRetried.Add(1, new KeyValuePair<string, object?>("asyncsys.ring", ring));
            }
            catch (Exception ex)
            {
                UserCallbacks.Report(ring, "metrics listener", ex);
            }
        }
    }

    internal static void OnLongContinuation(string ring)
    {
        if (LongContinuations.Enabled)
        {
            try
            {
                LongContinuations.Add(1, new KeyValuePair<string, object?>("asyncsys.ring", ring));
            }
            catch (Exception ex)
            {
                UserCallbacks.Report(ring, "metrics listener", ex);
            }
        }
    }

    internal static string OpName(RingOp op) => (uint)op < (uint)OpNames.Length ? OpNames[(int)op] : "unknown";

    internal static string BackendName(IoBackend backend) => BackendSelector.Name(backend);

    // A listener's measurement callback runs synchronously inside Add/Record, on the submitting thread or on
    // the ring's completion thread: one that throws must not take the operation or the process down (item 13).
    internal static void OnAdmitted(IoRing ring, Operation operation)
    {
        if (Submitted.Enabled)
        {
            try
            {
                Submitted.Add(1, Tags(ring, operation));
            }
            catch (Exception ex)
            {
                UserCallbacks.Report(ring.Name, "metrics listener", ex);
            }
        }
    }

    /// <summary>When a listener measures durations, the start time of an operation run without a slot (0 otherwise: no clock read).</summary>
    internal static long StartWithoutSlot() => Duration.Enabled ? Stopwatch.GetTimestamp() : 0;

    /// <summary>
    /// An operation completed on its caller's thread without a slot: measured as one admitted, completed at once and
    /// completed successfully, exactly as the full path measures it, so a listener sees no difference.
    /// </summary>
    internal static void OnImmediateWithoutSlot(IoRing ring, RingOp op, IoBackend backend, long startTimestamp)
    {
        if (!(Submitted.Enabled || Immediate.Enabled || Completed.Enabled || Duration.Enabled))
        {
            return;
        }

        try
        {
            var tags = new TagList
            {
                { "asyncsys.op", OpName(op) },
                { "asyncsys.backend", BackendName(backend) },
                { "asyncsys.ring", ring.Name },
            };
            Submitted.Add(1, tags);
            Immediate.Add(1, tags);
            Completed.Add(1, tags);
            if (startTimestamp != 0 && Duration.Enabled)
            {
                Duration.Record(Stopwatch.GetElapsedTime(startTimestamp).TotalSeconds, tags);
            }
        }
        catch (Exception ex)
        {
            UserCallbacks.Report(ring.Name, "metrics listener", ex);
        }
    }

    /// <summary>
    /// A short blocking call ran on its caller's thread without a slot (<see cref="Operations.ShortBlockingCalls.TryRunWithoutSlot"/>):
    /// measured as the full path measures a blocking call (admitted, offloaded, completed or failed, its duration).
    /// </summary>
    internal static void OnBlockingWithoutSlot(IoRing ring, long startTimestamp, Exception? thrown)
    {
        Counter<long> outcome = thrown switch
        {
            null => Completed,
            OperationCanceledException or ObjectDisposedException => Cancelled, // Dispose's ending, as RecordCompletion counts it
            _ => Failed,
        };
        if (!(Submitted.Enabled || Offloaded.Enabled || outcome.Enabled || Duration.Enabled))
        {
            return;
        }

        try
        {
            var tags = new TagList
            {
                { "asyncsys.op", "blocking_call" },
                { "asyncsys.backend", BackendName(IoBackend.Workers) },
                { "asyncsys.ring", ring.Name },
            };
            Submitted.Add(1, tags);
            Offloaded.Add(1, tags);
            outcome.Add(1, tags);
            if (startTimestamp != 0 && Duration.Enabled) // 0: cancelled before it started, never timed
            {
                Duration.Record(Stopwatch.GetElapsedTime(startTimestamp).TotalSeconds, tags);
            }
        }
        catch (Exception ex)
        {
            UserCallbacks.Report(ring.Name, "metrics listener", ex);
        }
    }

    internal static void OnImmediate(IoRing ring, Operation operation)
    {
        if (Immediate.Enabled)
        {
            try
            {
                Immediate.Add(1, Tags(ring, operation));
            }
            catch (Exception ex)
            {
                UserCallbacks.Report(ring.Name, "metrics listener", ex);
            }
        }
    }

    internal static void OnCompleted(IoRing ring, Operation operation, int result, Exception? error)
    {
        try
        {
            RecordCompletion(ring, operation, result, error);
        }
        catch (Exception ex)
        {
            UserCallbacks.Report(ring.Name, "metrics listener", ex);
        }
    }

    private static void RecordCompletion(IoRing ring, Operation operation, int result, Exception? error)
    {
        Counter<long> outcome = error switch
        {
            // SubmitRawAsync hands a ring operation's errno back as its result instead of throwing: it still ended with
            // an errno (a blocking call's result is the caller's own).
            null when result < 0 && operation.Blocking is null => Failed,
            null => Completed,
            OperationCanceledException or ObjectDisposedException => Cancelled,
            _ => Failed,
        };
        bool offloaded = operation.RanOn == IoBackend.Workers && Offloaded.Enabled;
        if (offloaded || outcome.Enabled || Duration.Enabled)
        {
            // One tag list for every measurement of this completion.
            TagList tags = Tags(ring, operation);
            if (offloaded)
            {
                Offloaded.Add(1, tags);
            }

            if (outcome.Enabled)
            {
                outcome.Add(1, tags);
            }

            if (Duration.Enabled)
            {
                Duration.Record(Stopwatch.GetElapsedTime(operation.StartTimestamp).TotalSeconds, tags);
            }
        }

        if (error is ErrnoException errno && AsyncSysEventSource.Log.IsEnabled())
        {
            AsyncSysEventSource.Log.OperationFailed(ring.Name, OpName(operation.Request.Op), errno.ErrnoName);
        }
    }

    private static TagList Tags(IoRing ring, Operation operation)
    {
        // Three string tags fit TagList's inline storage: no allocation per measurement.
        var tags = new TagList
        {
            { "asyncsys.op", operation.Blocking is null ? OpName(operation.Request.Op) : "blocking_call" },
            { "asyncsys.backend", BackendName(operation.RanOn) },
            { "asyncsys.ring", ring.Name },
        };
        return tags;
    }

    private static IEnumerable<Measurement<int>> ObserveInFlight()
    {
        var measurements = new List<Measurement<int>>();
        lock (RingsLock)
        {
            foreach (WeakReference<IoRing> reference in Rings)
            {
                if (reference.TryGetTarget(out IoRing? ring))
                {
                    measurements.Add(new Measurement<int>(ring.InFlightCount, new KeyValuePair<string, object?>("asyncsys.ring", ring.Name)));
                }
            }
        }

        return measurements;
    }

    private static string[] BuildOpNames()
    {
        // Indexed by the RingOp value, so Auto and None (never on a completed operation) get names too.
        var names = new string[(int)RingOperations.First + RingOperations.Count];
        names[(int)RingOp.Auto] = "auto";
        names[(int)RingOp.None] = "none";
        foreach (RingOpInfo info in RingOperations.All)
        {
            names[(int)info.Op] = info.MetricName;
        }

        return names;
    }
}
