using System;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Threading;
using AsyncSys.Interop;

namespace AsyncSys.Operations;

/// <summary>
/// Learns which blocking calls (<see cref="IoRing.RunBlockingAsync{TState}"/>) are short and runs those on the
/// calling thread-pool thread instead of a worker, saving the two thread hand-offs of a worker round trip
/// (about 16 µs here, against well under 1 µs for the call itself).
/// </summary>
/// <remarks>
/// <para>A call site is the <see cref="BlockingCall{TState}"/> delegate (a static lambda or a generated wrapper's
/// cached delegate is one object per site). A site starts on the workers; after
/// <see cref="ShortRunsNeeded"/> consecutive runs that each ran within <see cref="ShortLimit"/> (the call itself, not
/// its wait for a worker, which says more about the machine's load than about the call), it runs on the caller. A
/// trusted site that runs longer than <see cref="LongLimit"/> twice within <see cref="Site.LongRunWindow"/> runs goes
/// back to the workers (one long run alone is what preemption on a busy machine looks like), and it must then prove
/// itself for twice as many runs (up to 512) before it is trusted again, so a call that is only sometimes slow
/// settles on the workers.</para>
/// <para>Bounded and never on threads that must not block: only thread-pool threads run calls here (not a ring
/// thread, not the caller's own dedicated thread), at most <see cref="Environment.ProcessorCount"/> at once per
/// ring; beyond that the worker queue takes them. Semantics are the worker's: a token cancelled before the start
/// never runs the call; a cancel while it runs calls the hook with this thread's tid, so
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
    private readonly int _maxRunningHere = Math.Max(1, Environment.ProcessorCount);
    private int _runningHere;

    private readonly bool _enabled;
    private readonly Func<bool>? _otherWorkWaiting;

    /// <param name="capacity">The operation table's size.</param>
    /// <param name="enabled">False: every call goes to the workers (sites are still tracked).</param>
    /// <param name="shortLimit">Test hook: replaces <see cref="ShortLimit"/> (and <see cref="LongLimit"/> becomes five times it).</param>
    /// <param name="otherWorkWaiting">Test hook replacing the thread pool's own answer (null: ask the pool).</param>
    internal ShortBlockingCalls(int capacity, bool enabled, TimeSpan? shortLimit = null, Func<bool>? otherWorkWaiting = null)
    {
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
        if (site is null || !ReferenceEquals(site.Call, call))
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
        if (!TryEnterHere(site))
        {
            return false;
        }

        try
        {
            int tid = t_nativeThreadId;
            if (tid == 0)
            {
                t_nativeThreadId = tid = Libc.gettid();
            }

            // A loop of calls that complete here never gives its thread back: every 16th in a row, when other pool work
            // waits, the awaiter resumes from the back of the pool's queue instead (measured without it: the pool,
            // starved, added threads, and the calls beyond one per processor went to the workers at 14-27 us each).
            operation.CompletesAfterWaitingWork = ShouldYield();

            // The worker's own job body: cancel check, run lock, errno capture, exactly-once completion.
            operation.RunOnAdmittingThread(tid);
        }
        finally
        {
            Interlocked.Decrement(ref _runningHere);
        }

        return true;
    }

    /// <summary>
    /// Runs a call of a trusted site on this thread-pool thread without an operation slot, when nothing can stop it once
    /// it runs (there is no hook: CancelAll, Dispose and the token reach a running call only through its hook), with the
    /// full path's answers to the token: cancelled before the call starts, it never runs; an EINTR failure after it was
    /// cancelled is the cancellation. The same bound, run-time
    /// learning and errno capture as <see cref="TryRunHere"/>, counted for a quiesce or Dispose the way a slot-less
    /// non-blocking attempt is (<see cref="OperationTable.TryEnterWithoutSlot"/>), without the slot, the pooled work
    /// item and the completion around the call. Profiled with 16 loops of no-op calls on 2 cores, those were most of the
    /// time outside the call: each touched memory the other core had just written (the free-slot stack, the in-flight
    /// count, the operation's own state).
    /// </summary>
    /// <returns>False when the full path must take the call (nothing has been done); true when it ran (or threw:
    /// <paramref name="thrown"/>, for the caller's task).</returns>
    internal bool TryRunWithoutSlot<TState>(
        OperationTable table, BlockingCall<TState> call, ref TState state, CancellationToken token, out long value, out int errno, out Exception? thrown, out long startTimestamp)
    {
        value = 0;
        errno = 0;
        thrown = null;
        startTimestamp = 0;
        Site? site = Volatile.Read(ref _sites[RuntimeHelpers.GetHashCode(call) & (SiteSlots - 1)]);
        if (site is null || !ReferenceEquals(site.Call, call)
            || t_ranInARow + 1 >= ImmediateAttempts.CompletedInARowBeforeYield // the full path takes the turn that may yield
            || !TryEnterHere(site))
        {
            return false;
        }

        try
        {
            if (token.IsCancellationRequested)
            {
                thrown = new OperationCanceledException("The operation was cancelled.", token); // it never runs
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
                if (value < 0 && errno == Errno.EINTR && token.IsCancellationRequested)
                {
                    thrown = new OperationCanceledException("The operation was cancelled.", token);
                }
            }
            catch (Exception ex)
            {
                thrown = ex; // the caller's task carries it, as a worker's would
            }
            finally
            {
                long ticks = Stopwatch.GetTimestamp() - startTimestamp;
                table.LeaveWithoutSlot(completed: true);
                site.Observe(ticks <= _longTicks);
            }

            return true;
        }
        finally
        {
            Interlocked.Decrement(ref _runningHere);
        }
    }

    /// <summary>
    /// The gate both ways of running here share: the site is trusted, this is a thread-pool thread, and fewer than one call
    /// per processor runs on callers now (then this one is counted; the caller decrements <see cref="_runningHere"/>).
    /// </summary>
    private bool TryEnterHere(Site site)
    {
        if (!_enabled || !site.IsTrusted || !Thread.CurrentThread.IsThreadPoolThread)
        {
            return false;
        }

        if (Interlocked.Increment(ref _runningHere) > _maxRunningHere)
        {
            Interlocked.Decrement(ref _runningHere);
            return false;
        }

        return true;
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

        // The call's own run time, not when its awaiter was resumed (which may be later: a turn given to other work).
        site.Observe(operation.CallTicks <= (site.IsTrusted ? _longTicks : _shortTicks));
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

        internal Site(Delegate call) => Call = call;

        internal Delegate Call { get; }

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
