using System;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys.Operations;

namespace AsyncSys;

// Disposal: stop admitting, cancel everything, wait for every completion (bounded), then free.
public sealed partial class IoRing
{
    // Completed once nothing is in flight after disposal began; created by the disposer after admission closed,
    // and completed by whoever takes the count to zero (a completion or a rollback). Never reset.
    private TaskCompletionSource? _drained;

    /// <summary>
    /// Stops admitting operations (new ones throw <see cref="ObjectDisposedException"/>), cancels everything in
    /// flight, waits for each operation's own completion, then unmaps the ring. Bounded by
    /// <see cref="IoRingOptions.DisposeTimeout"/>: what the kernel never answered is listed in <see cref="Abandoned"/>
    /// and its memory is deliberately left pinned and allocated. Never throws. Calling it again does nothing more: it
    /// returns once the disposal in progress (begun by this or another thread) has ended.
    /// </summary>
    /// <remarks>
    /// <para><see cref="Shared"/> ignores Dispose (and <see cref="DisposeAsync"/>): it lives as long as the process, so
    /// <c>using var ring = IoRing.Shared;</c> or a container that disposes what it was given is harmless.</para>
    /// <para>Called from a continuation running on the ring's own completion thread (<see cref="IoRingOptions.InlineContinuations"/>),
    /// from a cancel hook, or from the body of a running blocking call (<see cref="RunBlockingAsync{TState}"/>), it closes
    /// admission and cancels at once and finishes draining on the thread pool instead of waiting for itself; a second call
    /// from there returns at once too.</para>
    /// </remarks>
    public void Dispose()
    {
        // A set of rings: this one first (it closes admission for callers holding it), then the others, whose
        // abandoned operations join this one's.
        if (DisposeMember())
        {
            DisposeOtherMembers();
        }
        else if (!ReferenceEquals(this, SharedRing.ValueIfCreated) && !MustNotWaitForDisposal())
        {
            // Another call is disposing: return when it has, as that call will. A caller that returns earlier would
            // free what the ring's operations still use (descriptors, buffers) while calls of the ring still run.
            DisposalEnded().Wait();
        }
    }

    /// <summary>Disposes this ring alone; returns whether this call began its disposal.</summary>
    private bool DisposeMember()
    {
        if (!BeginDispose())
        {
            return false;
        }

        if (RingBackend.IsCompletionThread || MustNotWaitForItself())
        {
            // Called from a continuation on the ring's own completion thread (InlineContinuations), e.g. a
            // `using` at the end of an async method: waiting here would wait for completions only this thread
            // can deliver. Called from a cancel hook: the hook holds the lock its call takes to leave, so the
            // wait would last DisposeTimeout and then abandon a call that had ended. Called from the body of a
            // blocking call: that call is one of the operations the drain waits for. Admission is closed
            // already; the drain and the freeing finish on the thread pool.
            ThreadPool.UnsafeQueueUserWorkItem(static ring => ring.DrainAndFree(), this, preferLocal: false);
            return true;
        }

        DrainAndFree();
        return true;
    }

    /// <summary>
    /// Like <see cref="Dispose"/>, but awaits the drain instead of blocking a thread: in-flight operations are
    /// cancelled and their completions awaited (at most <see cref="IoRingOptions.DisposeTimeout"/>) without holding
    /// a thread-pool thread. <see cref="Shared"/> ignores it. Never throws. A second call (while another thread disposes,
    /// or after) completes when that disposal has ended. From a cancel hook or the body of a running blocking call, where
    /// the drain would wait for the caller, it behaves as <see cref="Dispose"/> does there: the task completes at once
    /// and the drain finishes on the thread pool (a second call from a completion thread completes at once too).
    /// </summary>
    /// <returns>Completes once the ring is freed (or, after the timeout, has listed what it abandoned).</returns>
    public ValueTask DisposeAsync()
    {
        if (!BeginDispose())
        {
            // Shared ignores it; a second call completes when the disposal in progress has (see Dispose), unless that
            // disposal may be waiting for this very thread (a completion thread, a cancel hook, a blocking call's body).
            return ReferenceEquals(this, SharedRing.ValueIfCreated) || MustNotWaitForDisposal() ? ValueTask.CompletedTask : new ValueTask(DisposalEnded());
        }

        if (MustNotWaitForItself())
        {
            // From a cancel hook or a blocking call's body, a task that completes after the drain would never complete
            // for a caller that waits for it there: as Dispose does, close admission, cancel, and drain on the pool.
            ThreadPool.UnsafeQueueUserWorkItem(static ring => ring.DrainAndFree(), this, preferLocal: false);
            if (_members is not null)
            {
                DisposeOtherMembers();
            }

            return ValueTask.CompletedTask;
        }

        ValueTask own = DrainAndFreeAsync();
        return _members is null ? own : ThenDisposeOtherMembersAsync(own);
    }

    // Only sets made for tests and benchmarks get here (Shared ignores disposal): the other rings are disposed
    // one after another once this one is freed.
    private async ValueTask ThenDisposeOtherMembersAsync(ValueTask own)
    {
        await own.ConfigureAwait(false);
        DisposeOtherMembers();
    }

    /// <summary>Whether this call is the one that disposes (false for <see cref="Shared"/> and for a second call).</summary>
    private bool BeginDispose() =>
        !ReferenceEquals(this, SharedRing.ValueIfCreated) && Interlocked.Exchange(ref _disposeState, 1) == 0;

    private void DrainAndFree()
    {
        // Whatever happens below, disposal completes: state 2 and the ring's own lease dropped (which frees the
        // native memory now, or when the last call in progress ends). A user callback that throws is isolated
        // where it is called; this is the backstop for anything else, which is reported, not swallowed.
        bool drained = false;
        try
        {
            var clock = Stopwatch.StartNew();
            Task idle = BeginDrain();
            if (!idle.IsCompleted)
            {
                idle.Wait(_options.DisposeTimeout);
            }

            drained = FinishDrain(clock.Elapsed);
        }
        finally
        {
            EndDispose(drained);
        }
    }

    private async ValueTask DrainAndFreeAsync()
    {
        bool drained = false;
        try
        {
            var clock = Stopwatch.StartNew();
            Task idle = BeginDrain();
            if (!idle.IsCompleted)
            {
                // The signal runs its continuations asynchronously, so this resumes on the thread pool, never on
                // the completion thread that delivered the last completion.
                await idle.WaitAsync(_options.DisposeTimeout).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
            else if (RingBackend.IsCompletionThread)
            {
                // Nothing to wait for, but stopping the backend joins this very thread: finish on the thread pool. Not
                // Task.Yield: awaited by code on the ring's context it comes back to the ring thread, whose join of
                // itself then timed out after 5 s and left the ring's memory and descriptor allocated for good.
                await Task.CompletedTask.ConfigureAwait(ConfigureAwaitOptions.ForceYielding);
            }

            drained = FinishDrain(clock.Elapsed);
        }
        finally
        {
            EndDispose(drained);
        }
    }

    /// <summary>Closes admission and cancels everything in flight; returns what completes when nothing is left.</summary>
    private Task BeginDrain()
    {
        Table.Close();

        // Created after Close: from here nothing is admitted, so the count only falls, and whoever takes it to zero
        // completes this signal. Published with a full fence before the count is read, so either this thread sees
        // zero or that completion sees the signal (its decrement is a full fence too).
        var idle = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Interlocked.Exchange(ref _drained, idle);
        CancelAllInFlight(CancelReason.Dispose);
        if (Table.DrainCount == 0)
        {
            idle.TrySetResult();
        }

        return idle.Task;
    }

    /// <summary>Lists what never answered, stops the backend and the workers; returns whether everything drained.</summary>
    private bool FinishDrain(TimeSpan elapsed)
    {
        TimeSpan left = _options.DisposeTimeout - elapsed;
        bool drained = Table.DrainCount == 0;
        if (!drained)
        {
            Abandoned = SnapshotInFlight();
            if (Diagnostics.AsyncSysEventSource.Log.IsEnabled())
            {
                Diagnostics.AsyncSysEventSource.Log.DisposeAbandoned(Name, Abandoned.Count);
            }
        }

        Diagnostics.RingMetrics.Unregister(this);

        try
        {
            RingBackend.Stop(drained ? TimeSpan.FromSeconds(5) : (left > TimeSpan.Zero ? left : TimeSpan.Zero));
        }
        catch (TimeoutException)
        {
            drained = false;
        }

        Workers.Dispose();

        // A token that outlives the ring (a server's stopping token) must not keep its places alive.
        Volatile.Read(ref _shortCalls)?.DropKeptRegistrations();
        return drained;
    }

    private void EndDispose(bool drained)
    {
        Volatile.Write(ref _freeNativeMemory, drained);
        Volatile.Write(ref _disposeState, 2);
        ExitCall();
        _disposalEnded.TrySetResult();
    }

    // Completed when this ring's own disposal has ended (EndDispose), whoever began it.
    private readonly TaskCompletionSource _disposalEnded = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes once every ring of this set has ended its disposal (the caller that began it disposes them all).</summary>
    private Task DisposalEnded()
    {
        if (_members is not { } members)
        {
            return _disposalEnded.Task;
        }

        var ends = new Task[members.Length];
        for (int i = 0; i < members.Length; i++)
        {
            ends[i] = members[i]._disposalEnded.Task;
        }

        return Task.WhenAll(ends);
    }

    /// <summary>
    /// Whether a second Dispose must return at once: on a completion thread of the set or in a cancel hook, the disposal
    /// in progress may be waiting for this very thread (the reason the first call does not wait there either).
    /// </summary>
    private bool MustNotWaitForDisposal()
    {
        if (MustNotWaitForItself())
        {
            return true;
        }

        foreach (IoRing member in Members)
        {
            if (member.RingBackend.IsCompletionThread)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Whether this thread runs user code that an operation of a ring waits for: a cancel hook (it holds the lock its
    /// call takes to leave) or a blocking call's body (the call is in flight until the body returns).
    /// </summary>
    private static bool MustNotWaitForItself() => CancelHookScope.IsInsideHook || BlockingCallScope.IsInsideCall;

    /// <summary>Completes the drain signal once nothing is in flight (called after every way out of "in flight").</summary>
    private void SignalIfDrained()
    {
        if (Volatile.Read(ref _disposeState) != 0 && Table.DrainCount == 0)
        {
            Volatile.Read(ref _drained)?.TrySetResult();
        }
    }

    private int CancelAllInFlight(CancelReason reason)
    {
        int count = 0;
        Table.ForEachInFlight(reason, (operation, why) =>
        {
            if (operation.RequestCancel(why, operation.Id))
            {
                Interlocked.Increment(ref count);
            }
        });
        if (Volatile.Read(ref _shortCalls) is { } shortCalls)
        {
            count += shortCalls.CancelRunning(reason);
        }

        return count;
    }
}
