using System.Runtime.InteropServices;
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
    /// Try first, without a slot: a single-buffer read, write, recv or send whose non-blocking form completes at once
    /// returns its result here, before any operation slot is rented, buffer pinned (beyond the call) or completion
    /// delivered; the caller gets a completed ValueTask. Profiled with 32 page-cached 4 KiB read loops, the slot,
    /// pin, handle reference and completion around each attempt were a third of the CPU outside the kernel.
    /// Everything else takes the full path (<see cref="TryCompleteNow"/>): other operations, the ring's own context,
    /// the turn that may yield to waiting work, a quiesced or disposed ring. Metrics see the same counts either way.
    /// </summary>
    /// <param name="request">The validated request.</param>
    /// <param name="attempted">
    /// Set when the descriptor's history was consulted (the attempt was made, or skipped on its advice): the full
    /// path then does not ask it again, so each operation counts once in that history.
    /// </param>
    /// <param name="result">The result, when this returns true.</param>
    /// <param name="standingError">
    /// When this returns false: 0, or the errno the attempt got that is the call's answer (a socket's pending error,
    /// which the kernel gives once); the full path completes the operation with it instead of asking the ring.
    /// </param>
    /// <returns>True if the request is done; false to take the full path.</returns>
    /// <remarks>
    /// The contracts hold as on the full path: a quiesce waits for an attempt already running and none starts while
    /// admission is closed (<see cref="OperationTable.TryEnterWithoutSlot"/>); a cancelled token never reaches here
    /// (Submit checks it first); the handle is referenced and the buffer pinned for the length of the call; any
    /// refusal or partial transfer goes to the ring, whose answer is the one reported, except a socket's own error
    /// (<paramref name="standingError"/>), which the ring would not see again.
    /// </remarks>
    private unsafe bool TryCompleteWithoutSlot(in RingRequest request, out bool attempted, out int result, out int standingError)
    {
        attempted = false;
        result = 0;
        standingError = 0;
        if (request.Op is not (RingOp.Read or RingOp.Write or RingOp.Recv or RingOp.Send)
            || request.Extra is not null
            || !ImmediateAttempts.IsCandidate(request)
            || _first.Immediate is not { } attempts
            || attempts.IsYieldTurnNext()
            || Volatile.Read(ref _disposeState) != 0
            || RingBackend.ContinuationContext is { IsCurrent: true })
        {
            return false;
        }

        SafeHandle? handle = request.Handle;
        if (handle is not null && handle.IsClosed)
        {
            return false; // the full path reports it
        }

        long started = RingMetrics.StartWithoutSlot();
        bool referenced = false;
        try
        {
            int fd = request.Fd;
            if (handle is not null)
            {
                handle.DangerousAddRef(ref referenced);
                fd = (int)handle.DangerousGetHandle();
            }

            ImmediateAttempts.Descriptor? descriptor = attempts.For(fd, handle);
            if (descriptor is null
                || (request.Op == RingOp.Write && !descriptor.AllowsWrites)
                || !Table.TryEnterWithoutSlot())
            {
                return false;
            }

            int done = 0;
            bool ran = false;
            bool stands = false;
            try
            {
                attempted = true;
                if (descriptor.ShouldTry(request.Op))
                {
                    fixed (byte* buffer = request.Buffer.Span)
                    {
                        done = Operation.RunNonBlocking(request, fd, buffer);
                    }

                    ran = true;
                    stands = done >= 0 && ImmediateAttempts.CanStand(request, request.Buffer.Length, done);
                }
            }
            finally
            {
                if (stands)
                {
                    // Measured before it stops counting for a quiesce: a quiesce that waited for this attempt returns
                    // with its counters final, so asyncsys.ops.submitted never moves while the ring is quiesced.
                    RingMetrics.OnImmediateWithoutSlot(this, request.Op, RingBackend.Kind, started);
                }

                Table.LeaveWithoutSlot(completed: stands);
            }

            if (!stands)
            {
                if (ran && done < 0 && descriptor.Refused(request.Op, -done))
                {
                    // The kernel gave this error once (a socket's pending error): the full path reports it through an
                    // admitted operation, as any other failure, instead of asking the ring again.
                    standingError = -done;
                }

                return false;
            }

            descriptor.Done(request.Op);
            attempts.CountCompleted();
            result = done;
            return true;
        }
        finally
        {
            if (referenced)
            {
                handle!.DangerousRelease();
            }
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
            || !descriptor.ShouldTry(operation.Request.Op))
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
            if (!descriptor.Refused(operation.Request.Op, -result))
            {
                return false; // a refusal goes to the ring, whose answer is the one reported (errors included)
            }

            // A socket's pending error, given once: the ring would not see it again, so it is the answer.
        }
        else if (!ImmediateAttempts.CanStand(operation, result))
        {
            return false;
        }
        else
        {
            descriptor.Done(operation.Request.Op);
        }

        CompleteWithAttemptAnswer(operation, result, yieldTurn);
        return true;
    }

    /// <summary>Completes an admitted operation with the answer its attempt on this thread got (a result or -errno).</summary>
    private void CompleteWithAttemptAnswer(Operation operation, int result, bool yieldTurn)
    {
        operation.RanOn = RingBackend.Kind;
        OnOperationAdmitted(operation);
        if (result >= 0)
        {
            // asyncsys.ops.immediate counts completions (immediate <= completed); an error is counted failed only.
            RingMetrics.OnImmediate(this, operation);
        }

        if (yieldTurn)
        {
            operation.CompleteAfterWaitingWork(result);
            return;
        }

        operation.Complete(result);
    }
}
