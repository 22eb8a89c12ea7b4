using System;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys.Operations;

namespace AsyncSys;

// Disposal: stop admitting, cancel everything, wait for every completion (bounded), then free.
public sealed partial class IoRing
{
    /// <summary>
    /// Stops admitting operations (new ones throw <see cref="ObjectDisposedException"/>), cancels everything in
    /// flight, waits for each operation's own completion, then unmaps the ring. Bounded by
    /// <see cref="IoRingOptions.DisposeTimeout"/>: what the kernel never answered is listed in <see cref="Abandoned"/>
    /// and its memory is deliberately left pinned and allocated.
    /// Called from a continuation running on the ring's own completion thread (<see cref="IoRingOptions.InlineContinuations"/>),
    /// it closes admission at once and finishes draining on the thread pool instead of waiting for itself.
    /// </summary>
    public void Dispose()
    {
        if (ReferenceEquals(this, SharedRing.ValueIfCreated))
        {
            throw new InvalidOperationException("IoRing.Shared lives as long as the process; do not dispose it.");
        }

        // A set of rings: this one first (it closes admission for callers holding it), then the others, whose
        // abandoned operations join this one's.
        DisposeMember();
        DisposeOtherMembers();
    }

    private void DisposeMember()
    {
        if (Interlocked.Exchange(ref _disposeState, 1) != 0)
        {
            return;
        }

        if (RingBackend.IsCompletionThread)
        {
            // Called from a continuation on the ring's own completion thread (InlineContinuations), e.g. a
            // `using` at the end of an async method: waiting here would wait for completions only this thread
            // can deliver. Admission is closed already; the drain and the freeing finish on the thread pool.
            ThreadPool.UnsafeQueueUserWorkItem(static ring => ring.DrainAndFree(), this, preferLocal: false);
            return;
        }

        DrainAndFree();
    }

    private void DrainAndFree()
    {
        // Whatever happens below, disposal completes: state 2 and the ring's own lease dropped (which frees the
        // native memory now, or when the last call in progress ends). A user callback that throws is isolated
        // where it is called; this is the backstop for anything else, which is reported, not swallowed.
        bool drained = false;
        try
        {
            drained = DrainAndStop();
        }
        finally
        {
            Volatile.Write(ref _freeNativeMemory, drained);
            Volatile.Write(ref _disposeState, 2);
            ExitCall();
        }
    }

    private bool DrainAndStop()
    {
        var clock = Stopwatch.StartNew();
        Table.Close();

        // The count may have touched zero between the dispose flag and Close (admission was still open), which
        // set the event while operations admitted after it were in flight; Dispose then gave up on them at once
        // and listed them as abandoned. From Close on nothing is admitted, so a reset here is not lost: any
        // later drain to zero sets it again, and the count is read after the reset.
        _drained.Reset();
        CancelAllInFlight(CancelReason.Dispose);
        if (Table.InFlightCount != 0)
        {
            _drained.Wait(_options.DisposeTimeout);
        }

        TimeSpan left = _options.DisposeTimeout - clock.Elapsed;
        bool drained = Table.InFlightCount == 0;
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

        // _drained is deliberately not disposed: an abandoned operation that the kernel answers late still
        // completes (on the ring thread) and signals it.
        return drained;
    }

    /// <summary>
    /// Disposes on a thread-pool thread, so an async caller does not block while in-flight operations drain (and so
    /// a continuation running on the ring's own completion thread can dispose it).
    /// </summary>
    public ValueTask DisposeAsync() => new(Task.Run(Dispose));

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
        return count;
    }
}
