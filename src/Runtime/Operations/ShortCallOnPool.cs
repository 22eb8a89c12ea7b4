using System;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Threading;

namespace AsyncSys.Operations;

/// <summary>
/// A short call with a cancel hook, run by a thread-pool work item without an operation slot
/// (<see cref="ShortBlockingCalls.TryQueueOnPool{TState}"/>): about what an awaited <c>Task.Run</c> costs, where a
/// dedicated worker's round trip costs two thread wake-ups.
/// </summary>
/// <remarks>
/// Why not on the caller, as a short call without a hook runs: a call given a cancel hook is one that can wait (a lock,
/// a child process, a message queue), and a call that has been short so far may wait the next time. Run on the caller,
/// it would block the code that called <c>RunBlockingAsync</c> before it got its task back, and code that starts such a
/// call and only then does what ends the wait (<c>var t = WaitAsync(child); Feed(child); await t;</c>) would never
/// return. Queued, the method returns at once, whatever the call does.
/// </remarks>
internal sealed class ShortCallOnPool<TState> : IThreadPoolWorkItem
{
    private static readonly ConcurrentQueue<ShortCallOnPool<TState>> Spares = new();

    // One spare per thread before the shared queue (as BlockingWork keeps): a loop of calls rents and returns here.
    [ThreadStatic]
    private static ShortCallOnPool<TState>? t_spare;

    private IoRing? _ring;
    private OperationTable? _table;
    private ShortBlockingCalls? _calls;
    private ShortBlockingCalls.Site? _site;
    private RunningShortCall? _place;
    private BlockingCall<TState>? _call;
    private TState _state = default!;
    private CancellationToken _token;
    private BlockingWork<TState>? _result;

    /// <summary>
    /// Queues the call, already admitted (<see cref="OperationTable.TryEnterWithoutSlot"/>) and published on
    /// <paramref name="place"/>; the work item releases both when the call ends and completes <paramref name="result"/>.
    /// </summary>
    internal static void Queue(
        IoRing ring,
        OperationTable table,
        ShortBlockingCalls calls,
        ShortBlockingCalls.Site site,
        RunningShortCall place,
        BlockingCall<TState> call,
        TState state,
        CancellationToken token,
        BlockingWork<TState> result)
    {
        ShortCallOnPool<TState>? item = t_spare;
        if (item is not null)
        {
            t_spare = null;
        }
        else if (!Spares.TryDequeue(out item))
        {
            item = new ShortCallOnPool<TState>();
        }

        item._ring = ring;
        item._table = table;
        item._calls = calls;
        item._site = site;
        item._place = place;
        item._call = call;
        item._state = state;
        item._token = token;
        item._result = result;

        // Local: from a pool thread about to await the task, the same thread usually runs the call next, then the
        // awaiter's continuation, as Task.Run's work does.
        ThreadPool.UnsafeQueueUserWorkItem(item, preferLocal: true);
    }

    public void Execute()
    {
        IoRing ring = _ring!;
        OperationTable table = _table!;
        ShortBlockingCalls calls = _calls!;
        ShortBlockingCalls.Site site = _site!;
        RunningShortCall place = _place!;
        BlockingCall<TState> call = _call!;
        TState state = _state;
        CancellationToken token = _token;
        BlockingWork<TState> result = _result!;
        Return();

        long value = 0;
        int errno = 0;
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
                value = BlockingWork<TState>.Call(call, ref state, out errno);
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

            // The place before the count: a Dispose that has seen the count reach zero then finds every place free and
            // drops the token registrations they keep.
            place.Release();
            table.LeaveWithoutSlot(completed: true);
            if (ran)
            {
                calls.ObserveRun(site, ticks, cancelled: reason != CancelReason.None || token.IsCancellationRequested);
            }
        }

        if (thrown is null)
        {
            if (!ran)
            {
                thrown = CancelOutcome.For(reason == CancelReason.None ? CancelReason.Caller : reason, token);
            }
            else if (value < 0 && errno == Errno.EINTR && (reason != CancelReason.None || token.IsCancellationRequested))
            {
                thrown = CancelOutcome.For(reason == CancelReason.None ? CancelReason.Caller : reason, token);
            }
        }

        Diagnostics.RingMetrics.OnBlockingWithoutSlot(ring, started, thrown);

        // Last: the awaiter's continuation may run inline here (this is the end of a pool work item, as Task.Run's is).
        result.CompleteOnPool(value, errno, state, thrown);
    }

    private void Return()
    {
        _ring = null;
        _table = null;
        _calls = null;
        _site = null;
        _place = null;
        _call = null;
        _state = default!;
        _token = default;
        _result = null;
        if (t_spare is null)
        {
            t_spare = this;
        }
        else
        {
            Spares.Enqueue(this);
        }
    }
}
