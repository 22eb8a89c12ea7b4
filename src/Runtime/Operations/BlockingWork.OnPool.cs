using System;
using System.Diagnostics;
using System.Threading;

namespace AsyncSys.Operations;

/// <summary>
/// A short call with a cancel hook, run by a thread-pool work item without an operation slot
/// (<see cref="ShortBlockingCalls.TryQueueOnPool{TState}"/>): about what an awaited <c>Task.Run</c> costs, where a
/// dedicated worker's round trip costs two thread wake-ups. The work item is the call's own value-task source.
/// </summary>
/// <remarks>
/// Why not on the caller, as a short call without a hook runs: a call given a cancel hook is one that can wait (a lock,
/// a child process, a message queue), and a call that has been short so far may wait the next time. Run on the caller,
/// it would block the code that called <c>RunBlockingAsync</c> before it got its task back, and code that starts such a
/// call and only then does what ends the wait (<c>var t = WaitAsync(child); Feed(child); await t;</c>) would never
/// return. Queued, the method returns at once, whatever the call does.
/// </remarks>
internal sealed partial class BlockingWork<TState> : IThreadPoolWorkItem
{
    // Set while the call is queued for the pool, cleared when it starts.
    private IoRing? _ring;
    private ShortBlockingCalls? _calls;
    private ShortBlockingCalls.Site? _site;
    private RunningShortCall? _place;
    private CancellationToken _token;

    /// <summary>
    /// Queues the call, already admitted (<see cref="OperationTable.TryEnterWithoutSlot"/>) and published on
    /// <paramref name="place"/>; the work item releases both when the call ends, then completes this source.
    /// </summary>
    internal void QueueOnPool(IoRing ring, ShortBlockingCalls calls, ShortBlockingCalls.Site site, RunningShortCall place, CancellationToken token)
    {
        _ring = ring;
        _calls = calls;
        _site = site;
        _place = place;
        _token = token;

        // Local: from a pool thread about to await the task, the same thread usually runs the call next, then the
        // awaiter's continuation, as Task.Run's work does.
        ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: true);
    }

    void IThreadPoolWorkItem.Execute()
    {
        IoRing ring = _ring!;
        ShortBlockingCalls calls = _calls!;
        ShortBlockingCalls.Site site = _site!;
        RunningShortCall place = _place!;
        CancellationToken token = _token;
        _ring = null;
        _calls = null;
        _site = null;
        _place = null;
        _token = default;

        Exception? thrown = null;
        bool ran = false;
        long started = 0;
        CancelReason reason;
        try
        {
            // A cancel since the call was queued (its token, CancelAll, Dispose) is recorded on the place: it never runs.
            if (place.Start(ShortBlockingCalls.NativeThreadId))
            {
                ran = true;
                started = Stopwatch.GetTimestamp();
                _value = Call(_call!, ref _state, out _errno);
            }
        }
        catch (Exception ex)
        {
            thrown = ex; // the caller's task carries it, as a worker's would
        }
        finally
        {
            long ticks = ran ? Stopwatch.GetTimestamp() - started : 0;
            reason = place.Leave();

            // Not run (a cancel came first), or interrupted by a cancel: the cancellation, as the asker's reason says.
            if (thrown is null && (!ran || (_value < 0 && _errno == Errno.EINTR && (reason != CancelReason.None || token.IsCancellationRequested))))
            {
                thrown = CancelOutcome.For(reason == CancelReason.None ? CancelReason.Caller : reason, token);
            }

            // Measured before it stops counting for a quiesce: a quiesce that waited for this call returns with its
            // counters final, so asyncsys.ops.submitted never moves while the ring is quiesced.
            Diagnostics.RingMetrics.OnBlockingWithoutSlot(ring, started, thrown);

            // The place before the count: a Dispose that has seen the count reach zero then finds every place free and
            // drops the token registrations they keep.
            place.Release();
            ring.Table.LeaveWithoutSlot(completed: true);
            if (ran)
            {
                calls.ObserveRun(site, ticks, cancelled: reason != CancelReason.None || token.IsCancellationRequested);
            }
        }

        // Last: the awaiter's continuation may run inline here (this is the end of a pool work item, as Task.Run's is).
        _core.RunContinuationsAsynchronously = false; // set back when the result is taken
        Complete(thrown);
    }
}
