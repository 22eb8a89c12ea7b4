using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Threading;
using AsyncSys.Interop;

namespace AsyncSys.Operations;

/// <summary>
/// Learns which blocking calls (<see cref="IoRing.RunBlockingAsync{TState}"/>) are short and runs those without a
/// worker, saving the two thread hand-offs of a worker round trip (about 16 µs here, against well under 1 µs for the
/// call itself): a call without a cancel hook on the calling thread-pool thread, a call with one on a thread-pool work
/// item (BlockingWork.OnPool.cs), because a call that can be interrupted is one that can wait.
/// </summary>
/// <remarks>
/// <para>A call site is the <see cref="BlockingCall{TState}"/> delegate (a static lambda or a generated wrapper's
/// cached delegate is one object per site). A site starts on the workers; after
/// <see cref="ShortRunsNeeded"/> consecutive runs that each ran within <see cref="ShortLimit"/> (the call itself, not
/// its wait for a worker, which says more about the machine's load than about the call), it is trusted. A
/// trusted site that runs longer than <see cref="LongLimit"/> (or is cancelled while it runs: it was waiting) twice
/// within <see cref="Site.LongRunWindow"/> runs goes
/// back to the workers (one long run alone is what preemption on a busy machine looks like), and it must then prove
/// itself for twice as many runs (up to 512) before it is trusted again, so a call that is only sometimes slow
/// settles on the workers.</para>
/// <para>Bounded and never on threads that must not block: calls run here only on thread-pool threads (not a ring
/// thread, not the caller's own dedicated thread), at most <see cref="Environment.ProcessorCount"/> at once per
/// ring; beyond that the worker queue takes them. Semantics are the worker's: a token cancelled before the start
/// never runs the call; a cancel while it runs calls the hook with the running thread's tid, so
/// <see cref="BlockingCallInfo.InterruptWorker"/> interrupts it; errno is captured the same way.</para>
/// </remarks>
internal sealed class ShortBlockingCalls
{
    /// <summary>A run counts as short when the call returned within this time of starting.</summary>
    internal static readonly TimeSpan ShortLimit = TimeSpan.FromMilliseconds(0.2);

    /// <summary>
    /// A trusted site goes back to the workers after a run on the caller longer than this. Higher than
    /// <see cref="ShortLimit"/> so that a thread preempted on a busy machine does not by itself demote a site.
    /// </summary>
    internal static readonly TimeSpan LongLimit = TimeSpan.FromMilliseconds(1);

    /// <summary>Consecutive short runs before a site first runs on the caller.</summary>
    internal const int ShortRunsNeeded = 8;

    private const int SiteSlots = 256;
    private const int LongestProbation = 512;
    private readonly long _shortTicks;
    private readonly long _longTicks;

    [ThreadStatic]
    private static int t_nativeThreadId;

    [ThreadStatic]
    private static int t_ranInARow;

    private readonly Site?[] _sites = new Site?[SiteSlots];
    private readonly Site?[] _siteOfSlot;

    // One place per processor: at most that many calls run on callers at once. A thread tries the one numbered for
    // the processor it runs on first, so in the common case each core claims its own and no count is shared.
    private readonly RunningShortCall[] _places;

    private readonly bool _enabled;
    private readonly Func<bool>? _otherWorkWaiting;

    /// <param name="ringName">The ring's name, for reports of a cancel hook that threw.</param>
    /// <param name="capacity">The operation table's size.</param>
    /// <param name="enabled">False: every call goes to the workers (sites are still tracked).</param>
    /// <param name="shortLimit">Test hook: replaces <see cref="ShortLimit"/> (and <see cref="LongLimit"/> becomes five times it).</param>
    /// <param name="otherWorkWaiting">Test hook replacing the thread pool's own answer (null: ask the pool).</param>
    internal ShortBlockingCalls(string ringName, int capacity, bool enabled, TimeSpan? shortLimit = null, Func<bool>? otherWorkWaiting = null)
    {
        _places = new RunningShortCall[Math.Max(1, Environment.ProcessorCount)];
        for (int i = 0; i < _places.Length; i++)
        {
            _places[i] = new RunningShortCall(i, ringName);
        }

        _otherWorkWaiting = otherWorkWaiting;
        _siteOfSlot = new Site?[capacity];
        _enabled = enabled;
        _shortTicks = (long)((shortLimit ?? ShortLimit).TotalSeconds * Stopwatch.Frequency);
        _longTicks = shortLimit is { } limit ? (long)(limit.TotalSeconds * 5 * Stopwatch.Frequency) : (long)(LongLimit.TotalSeconds * Stopwatch.Frequency);
    }

    /// <summary>Records which site an admitted operation belongs to (read back when it completes).</summary>
    internal Site Track(Operation operation, Delegate call)
    {
        int slot = RuntimeHelpers.GetHashCode(call) & (SiteSlots - 1);
        Site? site = Volatile.Read(ref _sites[slot]);
        if (site is null || !site.IsFor(call))
        {
            // A new site (or a capturing lambda: a new delegate per call, which never earns trust).
            site = new Site(call);
            Volatile.Write(ref _sites[slot], site);
        }

        _siteOfSlot[operation.Index] = site;
        return site;
    }

    /// <summary>
    /// Runs the admitted operation on this thread if its site is trusted and this thread may block briefly.
    /// </summary>
    /// <returns>False when it must go to a worker (nothing has been done).</returns>
    internal bool TryRunHere(Operation operation, Site site)
    {
        if (TryEnterHere(site) is not { } place)
        {
            return false;
        }

        try
        {
            int tid = NativeThreadId;

            // A loop of calls that complete here never gives its thread back: every 16th in a row, when other pool work
            // waits, the awaiter resumes from the back of the pool's queue instead (measured without it: the pool,
            // starved, added threads, and the calls beyond one per processor went to the workers at 14-27 us each).
            operation.CompletesAfterWaitingWork = ShouldYield();

            // The worker's own job body: cancel check, run lock, errno capture, exactly-once completion.
            operation.RunOnAdmittingThread(tid);
        }
        finally
        {
            place.Release();
        }

        return true;
    }

    /// <summary>This thread's Linux tid (what a cancel hook signals), cached per thread.</summary>
    internal static int NativeThreadId
    {
        get
        {
            int tid = t_nativeThreadId;
            if (tid == 0)
            {
                t_nativeThreadId = tid = Libc.gettid();
            }

            return tid;
        }
    }

    /// <summary>
    /// Runs a call of a trusted site without a cancel hook on this thread-pool thread without an operation slot: a token
    /// cancelled before the call starts never runs it. The same bound, run-time learning and errno capture as
    /// <see cref="TryRunHere"/>, counted for a quiesce or Dispose the way a slot-less non-blocking attempt is
    /// (<see cref="OperationTable.TryEnterWithoutSlot"/>), without the slot, the pooled work item and the completion
    /// around the call. Profiled with 16 loops of no-op calls on 2 cores, those were most of the time outside the call:
    /// each touched memory the other core had just written (the free-slot stack, the in-flight count, the operation's
    /// own state). A call with a hook can wait, so it never runs here (<see cref="TryQueueOnPool{TState}"/>).
    /// </summary>
    /// <returns>False when the full path must take the call (nothing has been done); true when it ran (or threw, or was
    /// cancelled: <paramref name="thrown"/>, for the caller's task).</returns>
    internal bool TryRunWithoutSlot<TState>(
        OperationTable table,
        BlockingCall<TState> call,
        ref TState state,
        CancellationToken token,
        out long value,
        out int errno,
        out Exception? thrown)
    {
        value = 0;
        errno = 0;
        thrown = null;
        long startTimestamp = 0;
        if (TrustedSite(call) is not { } site
            || t_ranInARow + 1 >= ImmediateAttempts.CompletedInARowBeforeYield // the full path takes the turn that may yield
            || TryEnterHere(site) is not { } place)
        {
            return false;
        }

        try
        {
            if (token.IsCancellationRequested)
            {
                thrown = CancelOutcome.For(CancelReason.Caller, token); // it never runs
                Diagnostics.RingMetrics.OnBlockingWithoutSlot(table.Ring, 0, thrown);
                return true;
            }

            if (!table.TryEnterWithoutSlot())
            {
                return false; // quiesced or disposed: the full path waits or refuses, as for any operation
            }

            t_ranInARow++;
            startTimestamp = Stopwatch.GetTimestamp();
            try
            {
                value = BlockingWork<TState>.Call(call, ref state, out errno);
            }
            catch (Exception ex)
            {
                thrown = ex; // the caller's task carries it, as a worker's would
            }
            finally
            {
                long ticks = Stopwatch.GetTimestamp() - startTimestamp;
                if (thrown is null && value < 0 && errno == Errno.EINTR && token.IsCancellationRequested)
                {
                    thrown = CancelOutcome.For(CancelReason.Caller, token); // as on the full path: the cancellation, not EINTR
                }

                // Measured before it stops counting for a quiesce: a quiesce that waited for this call returns with its
                // counters final, so asyncsys.ops.submitted never moves while the ring is quiesced.
                Diagnostics.RingMetrics.OnBlockingWithoutSlot(table.Ring, startTimestamp, thrown);
                table.LeaveWithoutSlot(completed: true);
                ObserveRun(site, ticks, cancelled: token.IsCancellationRequested);
            }

            return true;
        }
        finally
        {
            place.Release();
        }
    }

    /// <summary>
    /// Queues a call of a trusted site with a cancel hook to a thread-pool work item without an operation slot
    /// (BlockingWork.OnPool.cs), published on a place from now on, so its token, CancelAll and Dispose find
    /// it (queued: it never runs; running: the hook is called) and the in-flight listing shows it. Any thread may queue.
    /// </summary>
    /// <returns>False when the full path must take the call (nothing has been done); true with the call's task.</returns>
    internal bool TryQueueOnPool<TState>(
        IoRing ring,
        BlockingCall<TState> call,
        TState state,
        BlockingCancelHook hook,
        CancellationToken token,
        out System.Threading.Tasks.ValueTask<BlockingResult<TState>> task)
    {
        task = default;
        if (!_enabled || TrustedSite(call) is not { } site || TryClaimPlace() is not { } place)
        {
            return false;
        }

        if (!ring.Table.TryEnterWithoutSlot())
        {
            place.Release();
            return false; // quiesced or disposed: the full path waits or refuses, as for any operation
        }

        BlockingWork<TState> work = BlockingWork<TState>.Rent(state, call, null);
        task = new System.Threading.Tasks.ValueTask<BlockingResult<TState>>(work, work.Version);
        place.Publish(hook, typeof(TState).IsValueType ? null : state, Stopwatch.GetTimestamp(), token);
        if (ring.Table.IsClosed)
        {
            // Dispose closes admission, then asks every place to cancel. If that request came between this call's
            // admission above and its publication, it found the place idle: the call would run with nothing to
            // interrupt it, and Dispose would wait for it until its timeout, then abandon it still running. Close comes
            // before the request and the request takes the place's lock, as Publish did: a request that missed this
            // call is seen here; one that comes later finds it.
            place.RequestCancel(CancelReason.Dispose);
        }

        work.QueueOnPool(ring, this, site, place, token);
        return true;
    }

    /// <summary>Learns from one run of a site's call: its length, and whether it was cancelled while it ran.</summary>
    internal void ObserveRun(Site site, long ticks, bool cancelled) =>
        site.Observe(ticks <= _longTicks && !cancelled); // cancelled while it ran: it waited (see Observe(Operation))

    private Site? TrustedSite(Delegate call)
    {
        Site? site = Volatile.Read(ref _sites[RuntimeHelpers.GetHashCode(call) & (SiteSlots - 1)]);
        return site is not null && site.IsFor(call) && site.IsTrusted ? site : null;
    }

    /// <summary>Drops the token registrations the places keep between calls (the ring is disposed); a place in use keeps its own.</summary>
    internal void DropKeptRegistrations()
    {
        foreach (RunningShortCall place in _places)
        {
            if (place.TryClaim())
            {
                place.DropKeptRegistration();
                place.Release();
            }
        }
    }

    /// <summary>
    /// Asks every call published on a place (short calls with a hook run without a slot) to cancel, calling its hook.
    /// </summary>
    /// <returns>How many were asked (each ends as cancelled if its call fails with EINTR).</returns>
    internal int CancelRunning(CancelReason reason)
    {
        int count = 0;
        foreach (RunningShortCall place in _places)
        {
            if (place.RequestCancel(reason))
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>Adds the calls published on the places to an in-flight listing.</summary>
    internal void AddRunning(List<InFlightOperation> list, long now, DateTimeOffset wallNow)
    {
        foreach (RunningShortCall place in _places)
        {
            if (place.Snapshot(now, wallNow) is { } running)
            {
                list.Add(running);
            }
        }
    }

    /// <summary>
    /// The gate both ways of running on the caller share: the site is trusted, this is a thread-pool thread (or a ring's
    /// delivery thread, which runs awaiters' continuations as a pool thread would), and a place
    /// is free (fewer than one call per processor runs without a worker now). The caller releases the place it gets.
    /// </summary>
    private RunningShortCall? TryEnterHere(Site site)
    {
        if (!_enabled || !site.IsTrusted || !(Thread.CurrentThread.IsThreadPoolThread || PoolDelivery.IsDeliveryThread))
        {
            return null;
        }

        return TryClaimPlace();
    }

    private RunningShortCall? TryClaimPlace()
    {
        RunningShortCall[] places = _places;
        int first = (int)((uint)Thread.GetCurrentProcessorId() % (uint)places.Length);
        for (int i = 0; i < places.Length; i++)
        {
            int index = first + i;
            RunningShortCall place = places[index < places.Length ? index : index - places.Length];
            if (place.TryClaim())
            {
                return place;
            }
        }

        return null;
    }

    private bool ShouldYield()
    {
        if (++t_ranInARow < ImmediateAttempts.CompletedInARowBeforeYield)
        {
            return false;
        }

        t_ranInARow = 0;
        return _otherWorkWaiting is { } waiting ? waiting() : ThreadPool.PendingWorkItemCount > 0;
    }

    /// <summary>Called when a blocking call completes (before its slot is reused): learns from how long the call ran.</summary>
    internal void Observe(Operation operation)
    {
        Site? site = _siteOfSlot[operation.Index];
        if (site is null)
        {
            return;
        }

        _siteOfSlot[operation.Index] = null;
        if (operation.CallStartTimestamp == 0)
        {
            return; // never ran (cancelled first, or no worker took it): nothing learnt about its length
        }

        // The call's own run time, not when its awaiter was resumed (which may be later: a turn given to other work). A
        // call cancelled while it ran says the call waits (a lock, an idle pipe), however soon its caller gave up: never
        // short, or a site whose callers cancel quickly would be trusted and its next call would block its caller.
        site.Observe(!operation.IsCancellationRequested && operation.CallTicks <= (site.IsTrusted ? _longTicks : _shortTicks));
    }

    /// <summary>What is known about one call site. Races between threads only shift when trust is earned.</summary>
    internal sealed class Site
    {
        /// <summary>
        /// A trusted site that runs long once stays trusted unless it ran long before within this many runs: a thread
        /// preempted mid-call on a busy machine looks like a long call now and then, a call that can block does it again.
        /// </summary>
        internal const int LongRunWindow = 64;

        private int _shortRuns;
        private int _needed = ShortRunsNeeded;
        private int _runsSinceLong = LongRunWindow;

        // The call's delegate, held weakly when its type or target comes from a collectible assembly (a plugin loaded
        // into a collectible AssemblyLoadContext): held strongly, the ring's table of sites kept an unloaded plugin in
        // memory for as long as the ring lived. Told without reflection (the runtime uses none), so a plugin's static
        // method behind a delegate type of the host's (say BlockingCall<long>) is held strongly until another site takes
        // its slot (docs/reliability.md). Static methods are not all held weakly: C# 10 makes a new delegate for a method
        // group on every call, and a finalizable WeakReference per call would cost every such caller.
        private readonly Delegate? _call;
        private readonly WeakReference<Delegate>? _weakCall;

        internal Site(Delegate call)
        {
            if (MayBeCollectible(call))
            {
                _weakCall = new WeakReference<Delegate>(call);
            }
            else
            {
                _call = call;
            }
        }

        /// <summary>Whether this site is the one of <paramref name="call"/>.</summary>
        internal bool IsFor(Delegate call) =>
            _call is not null ? ReferenceEquals(_call, call) : _weakCall!.TryGetTarget(out Delegate? held) && ReferenceEquals(held, call);

        private static bool MayBeCollectible(Delegate call) =>
            call.GetType().IsCollectible || (call.Target is { } target && target.GetType().IsCollectible);

        internal bool IsTrusted => Volatile.Read(ref _shortRuns) >= Volatile.Read(ref _needed);

        internal void Observe(bool wasShort)
        {
            if (wasShort)
            {
                if (_shortRuns < _needed)
                {
                    Interlocked.Increment(ref _shortRuns);
                }
                else if (_runsSinceLong < LongRunWindow)
                {
                    _runsSinceLong++;
                }

                return;
            }

            if (_shortRuns >= _needed)
            {
                if (_runsSinceLong >= LongRunWindow)
                {
                    _runsSinceLong = 0; // the first long run in a while: remembered, still trusted
                    return;
                }

                // It ran long again: back to the workers, and a longer probation.
                _needed = Math.Min(_needed * 2, LongestProbation);
            }

            _runsSinceLong = LongRunWindow;
            Volatile.Write(ref _shortRuns, 0);
        }
    }
}
