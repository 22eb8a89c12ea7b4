using System;
using System.Diagnostics;
using System.Threading;

namespace AsyncSys.Operations;

/// <summary>
/// One of the places (one per processor, per ring) where a short blocking call runs without an operation slot
/// (<see cref="ShortBlockingCalls"/>). Claiming one is what bounds those calls; a call with a cancel hook also publishes
/// itself here from the moment it is queued for the thread pool (BlockingWork.OnPool.cs), so that
/// CancelAll, Dispose, its token and the in-flight listing find it, queued or running, as they find an operation on a
/// worker by its slot.
/// </summary>
/// <remarks>
/// Why not a slot: a slot is shared state touched by every core (the free-slot stack, the in-flight count, the
/// operation's own phase and completion); this record is claimed by the thread on the processor it is numbered
/// for, almost always the same one, so its cache line stays on that core. Publishing, starting and leaving the call
/// take its lock once each, uncontended unless a cancel arrives at that moment.
/// </remarks>
internal sealed class RunningShortCall : IRunningCall
{
    // Ids of calls run here: bit 62 set (table ids never reach it: generation in bits 32-61 is at most 2^30), the
    // record's number in bits 0-15 and a count of its calls in bits 32-61, so no two calls in flight share one.
    private const ulong IdMark = 1UL << 62;

    [ThreadStatic]
    private static RunningShortCall? t_running;

    private readonly ulong _number;
    private readonly string _ringName;
    private int _claimed;
    private ulong _calls;
    private RunningShortCall? _outer; // the call this thread ran here when this one started (a call inside a call)

    // The token registration this place keeps between calls (touched only by the thread that holds the place): calls
    // that share one token (a server's stopping token) register it once per place instead of once per call, where
    // every core registering with and unregistering from the same token source contended on its lock.
    private CancellationToken _keptToken;
    private CancellationTokenRegistration _kept;

    // Guarded by this object (the run lock).
    private ulong _id; // the call queued or running here (never 0: IdMark), 0 when none is
    private int _threadId; // 0 while the call is queued: nothing to interrupt yet
    private BlockingCancelHook? _hook;
    private object? _state;
    private int _reason; // a CancelReason: an int so it can be read without the lock
    private long _started;
    private CancellationToken _token;

    internal RunningShortCall(int number, string ringName)
    {
        _number = (ulong)number;
        _ringName = ringName;
    }

    /// <summary>Whether the call this thread runs here has been asked to cancel (false on any other thread).</summary>
    internal static bool CurrentCancellationRequested => t_running is { } call && Volatile.Read(ref call._reason) != (int)CancelReason.None;

    /// <summary>Takes this record for one call on this thread; false if another thread holds it.</summary>
    internal bool TryClaim() => Volatile.Read(ref _claimed) == 0 && Interlocked.CompareExchange(ref _claimed, 1, 0) == 0;

    /// <summary>Gives the record back (after <see cref="Leave"/> when the call was published).</summary>
    internal void Release() => Volatile.Write(ref _claimed, 0);

    object IRunningCall.RunLock => this;

    bool IRunningCall.IsRunning(ulong id, int nativeThreadId) => _id == id && _threadId == nativeThreadId;

    /// <summary>
    /// Publishes a call queued to run here, with the hook that can interrupt it and the token that asks it to cancel. A
    /// cancel from now on, or a token that has already fired, is recorded (<see cref="Reason"/>), and <see cref="Start"/>
    /// then refuses to run the call; the hook is called only once the call runs.
    /// </summary>
    /// <param name="hook">The cancel hook.</param>
    /// <param name="state">The call's state if it is an object (<see cref="BlockingCallInfo.State"/>), else null.</param>
    /// <param name="started">When the call was admitted (Stopwatch ticks), for the in-flight listing.</param>
    /// <param name="token">The caller's token.</param>
    internal void Publish(BlockingCancelHook hook, object? state, long started, CancellationToken token)
    {
        ulong id = IdMark | (++_calls & 0x3FFF_FFFF) << 32 | _number;
        lock (this)
        {
            _id = id;
            _hook = hook;
            _state = state;
            _started = started;
            _token = token;
            _reason = (int)CancelReason.None;
            _threadId = 0;
        }

        if (token.CanBeCanceled && !token.Equals(_keptToken))
        {
            // Waits for a callback of the previous token running now; it finds no call of its own here and does nothing.
            _kept.Dispose();
            _keptToken = token;
            _kept = token.UnsafeRegister(static (s, cancelled) => ((RunningShortCall)s!).OnTokenCancelled(cancelled), this);
        }
        else if (token.IsCancellationRequested)
        {
            // The kept registration's callback runs once per token. If the token fired while this place was idle or held
            // an earlier call (this call's caller checked the token just before), that callback found nothing of this
            // call's and none will come: the call would start and never be interrupted. The token's state is set before
            // any callback runs, so a callback that ran before the publication above is seen here; one that runs after it
            // records the cancel itself (the first request stands). A new registration calls back at once instead.
            RequestCancel(CancelReason.Caller);
        }
    }

    /// <summary>
    /// The published call starts on this thread: from here a cancel calls the hook with this thread's tid. False when a
    /// cancel came first (the call must not run; <see cref="Leave"/> still follows).
    /// </summary>
    internal bool Start(int nativeThreadId)
    {
        lock (this)
        {
            if (_reason != (int)CancelReason.None)
            {
                return false;
            }

            _threadId = nativeThreadId;
        }

        _outer = t_running;
        t_running = this;
        return true;
    }

    private void OnTokenCancelled(CancellationToken cancelled)
    {
        lock (this)
        {
            if (_id != 0 && _token.Equals(cancelled))
            {
                RequestCancelLocked(CancelReason.Caller);
            }
        }
    }

    /// <summary>Drops the registration kept between calls (the ring is disposed); only by a thread that holds the place.</summary>
    internal void DropKeptRegistration()
    {
        _kept.Dispose();
        _kept = default;
        _keptToken = default;
    }

    /// <summary>Unpublishes the call: from here no hook reaches this thread for it. Returns who asked it to cancel, if anyone.</summary>
    internal CancelReason Leave()
    {
        lock (this)
        {
            if (_threadId != 0)
            {
                t_running = _outer;
                _outer = null;
            }

            _id = 0;
            _threadId = 0;
            _hook = null;
            _state = null;
            _token = default;
            return (CancelReason)_reason;
        }
    }

    /// <summary>Who has asked the published call to cancel so far (None: nobody).</summary>
    internal CancelReason Reason => (CancelReason)Volatile.Read(ref _reason);

    /// <summary>
    /// Asks the published call to cancel: records why (the first reason stands) and calls its hook, under the run lock
    /// so the hook never reaches a call that has left. A hook that throws is reported and isolated.
    /// </summary>
    /// <returns>True if a call was queued or running here and this was the first request for it.</returns>
    internal bool RequestCancel(CancelReason reason)
    {
        lock (this)
        {
            return RequestCancelLocked(reason);
        }
    }

    private bool RequestCancelLocked(CancelReason reason)
    {
        if (_id == 0 || _reason != (int)CancelReason.None)
        {
            return false;
        }

        Volatile.Write(ref _reason, (int)reason);
        if (_threadId == 0)
        {
            return true; // still queued: Start sees the reason and the call never runs
        }

        try
        {
            CancelHookScope.Invoke(_hook!, new BlockingCallInfo(this, (long)_id, _threadId, _state));
        }
        catch (Exception ex)
        {
            // The caller is CancelAll, Dispose or a token: none of them may fail because of it. The call keeps running.
            Diagnostics.UserCallbacks.Report(_ringName, "cancel hook", ex);
        }

        return true;
    }

    /// <summary>The published call as an in-flight entry, or null when none runs here.</summary>
    internal InFlightOperation? Snapshot(long now, DateTimeOffset wallNow)
    {
        lock (this)
        {
            if (_id == 0)
            {
                return null;
            }

            TimeSpan age = Stopwatch.GetElapsedTime(_started, now);
            if (age < TimeSpan.Zero)
            {
                age = TimeSpan.Zero;
            }

            return new InFlightOperation(
                (long)_id,
                RingOp.None,
                -1,
                -1,
                0,
                wallNow - age,
                age,
                _reason != (int)CancelReason.None ? InFlightState.Cancelling : _threadId == 0 ? InFlightState.Queued : InFlightState.OnWorker,
                IoBackend.Workers,
                null);
        }
    }
}
