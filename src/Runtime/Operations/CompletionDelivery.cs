using System.Threading;

namespace AsyncSys.Operations;

/// <summary>
/// How a backend's completion thread resumes awaiters. An awaiter that awaited on the ring's own context
/// (<see cref="RingSynchronizationContext"/>) resumes inline on that thread; an operation submitted there and not yet
/// awaited gets its result on that thread too. Others resume on the thread pool (<see cref="PoolDelivery"/>), or
/// inline with IoRingOptions.InlineContinuations while the
/// <see cref="ContinuationWatchdog"/> has not seen one run long. Used only by the one completion thread.
/// </summary>
internal sealed class CompletionDelivery
{
    private readonly bool _inline;
    private readonly RingSynchronizationContext? _context;
    private readonly PoolDelivery _pool;

    /// <param name="inline">Whether awaiters resume on the completion thread (IoRingOptions.InlineContinuations).</param>
    /// <param name="watchdog">Times the user code the completion thread runs.</param>
    /// <param name="boundedSleep">
    /// Whether the completion thread sleeps at most <see cref="PoolDelivery.LagCheck"/> while <see cref="HasWaitingOnPool"/>,
    /// so one work item at a time can drain the pool queue (see <see cref="PoolDelivery"/>).
    /// </param>
    /// <param name="context">The ring thread's context, for awaiters that captured it.</param>
    internal CompletionDelivery(bool inline, ContinuationWatchdog watchdog, bool boundedSleep, RingSynchronizationContext? context = null)
    {
        _inline = inline;
        _pool = new PoolDelivery(lagChecks: boundedSleep, watchdog.RingName);
        Watchdog = watchdog;
        _context = context;
    }

    internal ContinuationWatchdog Watchdog { get; }

    /// <summary>Awaiters queued to the thread pool whose continuation has not finished yet (<see cref="PoolDelivery.Awaiters"/>).</summary>
    internal int AwaitersOnPool => _pool.Awaiters;

    /// <summary>Whether awaiters wait to be taken by a pool thread: the completion thread must then sleep at most <see cref="PoolDelivery.LagCheck"/>.</summary>
    internal bool HasWaitingOnPool => _pool.HasWaiting;

    /// <summary>The pool queue (tests, diagnostics).</summary>
    internal PoolDelivery Pool => _pool;

    /// <summary>Resumes the awaiter of an operation finished with <see cref="Operation.TryFinish(int)"/> (now, or from the pool).</summary>
    internal void Deliver(Operation operation)
    {
        if (operation.ResumesOnRing && _context is { } context)
        {
            if (!Watchdog.AllowsInline)
            {
                // After a trip, and until the pool period is over (AllowsInline is what ends it, for both kinds of
                // continuation): run after this pass's reaping, so the ring keeps moving between them.
                context.PostDelivery(operation);
                return;
            }

            RunTimed(operation);
            return;
        }

        if (_inline)
        {
            if (Watchdog.AllowsInline)
            {
                RunTimed(operation);
            }
            else
            {
                // A continuation here ran long: each goes to the pool on its own, so one that blocks again holds
                // up nothing else.
                operation.Deliver(runContinuationInline: false);
            }

            return;
        }

        if (operation.IsBoundToRing)
        {
            // Submitted from the ring's context and not awaited yet. An awaiter on that context registers on this
            // thread, possibly later in this very pass (from another operation's continuation): a pool work item run after
            // that would resume ring-context code on a pool thread. So the result is set here, and the await finds it
            // done; an awaiter that did not capture the context still resumes on the pool.
            operation.Deliver(runContinuationInline: false);
            return;
        }

        _pool.Add(operation);
    }

    private void RunTimed(Operation operation)
    {
        long started = Watchdog.Start();
        operation.Deliver(runContinuationInline: true);
        Watchdog.Finish(started);
    }

    /// <summary>
    /// Completion thread, as it ends (after its last delivery): stops the watchdog's stall check, and the delivery thread
    /// once it has resumed what is queued.
    /// </summary>
    internal void Close()
    {
        Watchdog.Close();
        _pool.Close();
    }

    /// <summary>
    /// Owner, after its completion thread has ended: waits (at most <paramref name="timeout"/>) for the ring's delivery
    /// thread to end, unless it runs a continuation or is the caller (<see cref="PoolDelivery.WaitForDeliveryThreadToEnd"/>).
    /// </summary>
    internal bool WaitForDeliveryThreadToEnd(System.TimeSpan timeout) => _pool.WaitForDeliveryThreadToEnd(timeout);

    /// <summary>Makes sure what this pass queued for the pool will run, and ends the watchdog's pass: call at the end of each reaping pass.</summary>
    internal void Flush()
    {
        Watchdog.EndPass();
        _pool.EndPass();
    }
}
