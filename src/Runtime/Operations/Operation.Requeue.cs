using System;
using System.Threading;

namespace AsyncSys.Operations;

// Moving an operation from a kernel ring to a blocking-call worker, for backends whose kernel interface
// can refuse an operation it was given (Linux AIO: RWF_NOWAIT would block, IOCB_CMD_FSYNC unsupported), or
// cancel one nobody asked to cancel (io_uring's io-wq when it cannot start a worker).
internal sealed partial class Operation
{
    /// <summary>
    /// Moves an operation the kernel gave back without doing it (OnRing, not finished) to the worker queue, so
    /// it runs as a blocking call instead. Its pins and handle reference stay held; its cancellation state is
    /// kept, so a cancel that already arrived makes the worker complete it as cancelled without running it.
    /// </summary>
    /// <returns>False if the operation was not on the ring (already finished, or moved before).</returns>
    internal bool TryRequeueOnWorker() => TryRequeueOnWorker(afterUnaskedCancel: false);

    /// <summary>
    /// Whether a -ECANCELED from the kernel is an answer nobody asked for: no token, no CancelAll/CancelByFd/CancelByTag,
    /// no Dispose, and no deadline that may have passed (a linked timeout also ends its operation with -ECANCELED, but
    /// never before its time: the kernel starts it at submission, after the admission this measures from, so an answer
    /// that comes while time is left cannot be the deadline). io-wq gives such an answer when it cannot start a worker for a request it
    /// queued (fork refused: a signal pending on the submitting thread, RLIMIT_NPROC): the call never ran. A bulk cancel
    /// (IORING_ASYNC_CANCEL_ALL) that matched an operation admitted just after the CancelAll's pass is another: that
    /// operation was not in flight when CancelAll was called, so running it is what the caller asked for.
    /// </summary>
    /// <remarks>An interrupted call answers EINTR instead: io-wq interrupts a call it runs (a splice waiting for its pipe)
    /// only for a cancel, so with nobody asking, that EINTR is the same unasked answer (the call did nothing: a call that
    /// moved bytes returns their count).</remarks>
    internal bool IsUnaskedKernelCancel(int result) =>
        (result == -Errno.ECANCELED || result == -Errno.EINTR) && CancelReason == CancelReason.None && Blocking is null && (!HasDeadline || DeadlineLeft() > TimeSpan.Zero);

    /// <summary>
    /// Whether the kernel ring's EAGAIN for a read, write, readv or writev means "another waiter took the byte (or the
    /// room)", not an answer: the ring waits for readiness, but when the descriptor was ready as its poll was armed and
    /// another reader emptied it before the retry, io_uring does not arm a second poll (REQ_F_POLLED) and hands the
    /// call to io-wq, whose blocking attempt of an O_NONBLOCK pipe, socket or eventfd answers EAGAIN (hostile round 11:
    /// four reads of one non-blocking pipe). The docs promise these calls wait; the operation runs again on a worker,
    /// which waits on the readiness lane when the descriptor is not ready and answers EAGAIN only after four ready
    /// calls that each found nothing (the bound receives and accepts have). Never a cancel's answer: a call that was
    /// asked to cancel goes to the worker with that request kept, and ends cancelled there without running.
    /// </summary>
    internal bool IsEagainOfAWaitingTransfer(int result) =>
        result == -Errno.EAGAIN && Request.Op is RingOp.Read or RingOp.Write or RingOp.ReadV or RingOp.WriteV;

    /// <summary>How much of the request's deadline is left, measured from admission (read from a clock that may run a
    /// few milliseconds behind, which only makes this smaller).</summary>
    private TimeSpan DeadlineLeft() =>
        TimeSpan.FromTicks(Request.TimeoutTicks) - System.Diagnostics.Stopwatch.GetElapsedTime(StartTimestamp);

    /// <summary>
    /// Runs an operation the kernel cancelled without being asked (<see cref="IsUnaskedKernelCancel"/>) once more, on a
    /// blocking-call worker, rather than telling its caller it was cancelled. If no worker can be started the caller gets
    /// an <see cref="ErrnoException"/> naming the operation's syscall (EAGAIN, pthread_create), never a cancellation.
    /// </summary>
    /// <returns>False if the operation was not on the ring (already finished, or moved before).</returns>
    internal bool TryRerunAfterUnaskedCancel() => TryRequeueOnWorker(afterUnaskedCancel: true);

    private bool TryRequeueOnWorker(bool afterUnaskedCancel)
    {
        if (Interlocked.CompareExchange(ref _phase, (int)OperationPhase.Queued, (int)OperationPhase.OnRing) != (int)OperationPhase.OnRing)
        {
            return false;
        }

        RanOn = IoBackend.Workers;

        // The io_uring ring thread (the only one that reruns after an unasked cancel) registers a submitted operation's
        // token only if it is still on the ring after the pass that reaped its submission (Operation.DeferredRegistration.cs),
        // and skips one that left the ring. A kernel answer in that same pass (a bulk cancel that matched it, io-wq giving
        // it back) moves it here first: unregistered, its token would never reach the worker that now runs it, and a call
        // waiting there would wait for ever. Only this thread registers deferred tokens, and until the hand-off below
        // nobody else touches this operation: register now (a token already cancelled calls back at once; the worker then
        // completes it as cancelled without running it). Linux AIO registers at submission: nothing to do for its moves.
        if (afterUnaskedCancel && _token.CanBeCanceled && !HasCancellationRegistration)
        {
            _deferredRegistrationId = 0;
            _registration = _token.UnsafeRegister(static s => ((Operation)s!).OnTokenCancelled(), this);
        }

        if (afterUnaskedCancel && HasDeadline && Volatile.Read(ref _deadline) is null)
        {
            // The ring's linked timeout went with the kernel's answer: on the worker a timer keeps what is left of it. A
            // deadline that was a timer already (no linked timeout for this call) keeps running as it is.
            DeadlineTimer.Arm(this, DeadlineLeft());
        }

        // If no worker can take it (the pool is stopping, or no thread could be started) it completes with
        // that error rather than being lost.
        if (Ring.Workers.Dispatch(this) is { } error)
        {
            CompleteWithError(afterUnaskedCancel && error is ErrnoException failed
                ? new ErrnoException(
                    failed.Errno,
                    SyscallName(Request.Op),
                    "the kernel cancelled this call although nobody asked it to (io-wq could not start a worker for it), and "
                    + "no blocking-call worker could be started to run it instead (pthread_create: " + failed.ErrnoName + "); the call did not run")
                : error);
        }
        return true;
    }
}
