using System.Threading;
using AsyncSys.Diagnostics;
using AsyncSys.Operations;

namespace AsyncSys;

// Try first, then ring: an operation that usually completes at once (a page-cache hit, a ready socket) is
// tried in its non-blocking form on the submitting thread; only when the kernel says it would block does it
// go on the ring. See IoRingOptions.TryNonBlockingFirst.
public sealed partial class IoRing
{
    private ImmediateAttempts? _immediateAttempts;

    private ImmediateAttempts? Immediate
    {
        get
        {
            if (!_options.TryNonBlockingFirst)
            {
                return null;
            }

            return Volatile.Read(ref _immediateAttempts)
                ?? Interlocked.CompareExchange(ref _immediateAttempts, new ImmediateAttempts(_options.OtherWorkWaiting), null)
                ?? _immediateAttempts!;
        }
    }

    /// <summary>
    /// Runs an admitted, prepared operation's non-blocking form on this thread and completes it with the result
    /// when the kernel did it. The operation is still Queued while it runs: only its starter (this thread)
    /// completes a Queued operation, and a cancel request arriving meanwhile finds it done (the result stands,
    /// as for a ring op the kernel had finished) or not yet started (the ring path sees the request).
    /// </summary>
    /// <param name="operation">The operation.</param>
    /// <param name="cancellationToken">The caller's token.</param>
    /// <returns>True if the operation completed here; false to continue on the ring (nothing has changed).</returns>
    private bool TryCompleteNow(Operation operation, CancellationToken cancellationToken)
    {
        // One history per descriptor for a whole set of rings (IoRing.Shared): the first ring keeps it.
        // Not from code on the ring's context: a loop whose reads all complete at once would never give the ring
        // thread back, and the other loops on it would starve (measured: 1 of 32 loops active); through the ring,
        // one io_uring_enter carries every loop's read and each resumes inline.
        if (!ImmediateAttempts.IsCandidate(operation.Request) || operation.IsBoundToRing || _first.Immediate is not { } attempts)
        {
            return false;
        }

        ImmediateAttempts.Descriptor? descriptor = attempts.For(operation.Fd, operation.Request.Handle);
        if (descriptor is null)
        {
            return false;
        }

        if ((operation.Request.Op is RingOp.Write or RingOp.WriteV && !descriptor.AllowsWrites)
            || !descriptor.ShouldTry())
        {
            return false;
        }

        // Cancelled (by the token, a cancel-all or Dispose) before the attempt: it never runs.
        if (cancellationToken.IsCancellationRequested || operation.IsCancellationRequested)
        {
            return false;
        }

        // This thread has completed a run of operations here while other work waits for a thread: this one is
        // still done here, but its awaiter resumes from the back of the pool's queue, after that work.
        bool yieldTurn = attempts.ShouldYield();
        int result = operation.RunNonBlocking();
        if (result < 0)
        {
            // Any refusal goes to the ring, whose answer is the one reported (errors included).
            descriptor.Refused(-result);
            return false;
        }

        if (!ImmediateAttempts.CanStand(operation, result))
        {
            return false;
        }

        descriptor.Done();
        operation.RanOn = RingBackend.Kind;
        OnOperationAdmitted(operation);
        RingMetrics.OnImmediate(this, operation);
        if (yieldTurn)
        {
            operation.CompleteAfterWaitingWork(result);
            return true;
        }

        operation.Complete(result);
        return true;
    }
}
