using System;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks.Sources;
using AsyncSys.Shared;

namespace AsyncSys.Operations;

// The phases of one occupant (OperationPhase): Free -> Queued (rented) -> OnRing or OnWorker (started) ->
// Completed (its result is waiting for the awaiter) -> Free (the awaiter took it). A rented slot that never
// started goes back to Free directly (ResetUnused). Moves between OnRing, OnWorker and Queued (a ring giving an
// operation back, the readiness lane handing it to a worker) are in Operation.Requeue.cs and Operation.WorkerJob.cs.
// Every change is a compare-and-swap or made by the only thread that may make it; each asserts where it starts.
internal sealed partial class Operation
{
    /// <summary>Called by the table when the slot is rented: a new generation, no cancel, phase Queued.</summary>
    internal void OnRent()
    {
        Debug.Assert(Phase == OperationPhase.Free, "only a free slot is rented");
        // Generation 0 is skipped when the count wraps: slot 0's id would then be 0, which means "no occupant" to the
        // prepared id (CancelByFd/ByTag), the deferred token registration and the cancel-sent record, so that one
        // operation could not be cancelled. Slot 0 tops the free stack and wraps first (2^31 operations).
        int next = (Generation + 1) & 0x7FFFFFFF;
        if (next == 0)
        {
            next = 1;
        }

        Volatile.Write(ref _generationAndCancel, (long)next << 8);
        _submitted = 0;
        StartTimestamp = AdmissionClock.Now();
        CallStartTimestamp = 0;
        CompletesAfterWaitingWork = false;
        // Not admitted yet: the in-flight listing skips a slot until its backend is known (set at admission).
        RanOn = IoBackend.Auto;
        Volatile.Write(ref _phase, (int)OperationPhase.Queued);
    }

    /// <summary>Moves Queued → <paramref name="next"/>; false if the operation already completed.</summary>
    internal bool TryStart(OperationPhase next)
    {
        Debug.Assert(next is OperationPhase.OnRing or OperationPhase.OnWorker, "an operation starts on a ring or on a worker");
        bool started = Interlocked.CompareExchange(ref _phase, (int)next, (int)OperationPhase.Queued) == (int)OperationPhase.Queued;
        Debug.Assert(started || Phase != OperationPhase.Free, "a slot being started is rented: it cannot be free");
        return started;
    }

    /// <summary>
    /// Delivers the kernel's (or the worker's) result: the only way an operation ends, and it ends once.
    /// Releases pins and handle references first, so nothing is unpinned before this point. The awaiter's
    /// continuation is queued to the thread pool (or run inline when the ring is configured so).
    /// </summary>
    internal void Complete(int result)
    {
        if (TryFinish(result))
        {
            DeliverFromAnyThread();
        }
    }

    /// <summary>
    /// Ends an operation that cannot run (no worker could be started, the workers stopped) with
    /// <paramref name="error"/>: its slot, pins and handle reference are released like any completion.
    /// </summary>
    internal void CompleteWithError(Exception error)
    {
        if (TryFinish(-Errno.ECANCELED, error))
        {
            DeliverFromAnyThread();
        }
    }

    /// <summary>
    /// Ends, for its awaiter, an operation the kernel still holds when its ring can no longer say when the kernel is
    /// done with it (io_uring_enter failed for good). Nothing the kernel may still use is released: its buffers stay
    /// pinned, its native memory allocated and its handle referenced, for the life of the process, and its slot's
    /// scratch memory is never freed (<see cref="OperationTable.HoldScratchForKernel"/>). The awaiter gets
    /// <paramref name="result"/> (-errno) with a message that says so.
    /// </summary>
    internal void Abandon(int result)
    {
        Debug.Assert(result < 0, "an abandoned operation ends with an error");
        if (TryFinish(result, null, abandoned: true))
        {
            DeliverFromAnyThread();
        }
    }

    /// <summary>Completes an operation that never reached the kernel because it was cancelled first.</summary>
    internal void CompleteCancelledBeforeStart()
    {
        Debug.Assert(IsCancellationRequested, "only a cancelled operation ends before it starts");
        Complete(-Errno.ECANCELED);
    }

    /// <summary>
    /// Finishes the operation without resuming its awaiter yet; the caller must call <see cref="Deliver"/>.
    /// Lets the ring thread resume a batch of awaiters with one thread-pool work item.
    /// </summary>
    /// <returns>False if the operation had already finished (nothing to deliver).</returns>
    internal bool TryFinish(int result) => TryFinish(result, null);

    /// <summary>Like <see cref="TryFinish(int)"/>, with the exception the awaiter gets instead of one made from <paramref name="result"/>.</summary>
    private bool TryFinish(int result, Exception? error, bool abandoned = false)
    {
        Debug.Assert(result != Backends.Workers.BlockingSyscalls.Parked, "a parked operation has no result yet");
        while (true)
        {
            int phase = Volatile.Read(ref _phase);
            if (phase is (int)OperationPhase.Free or (int)OperationPhase.Completed)
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref _phase, (int)OperationPhase.Completed, phase) == phase)
            {
                break;
            }
        }

        Debug.Assert(Blocking is not null || RingOperations.IsOperation(Request.Op), "a finished operation ran a real request");

        // Writers of Fd and Request come after this (full fence): see TryReadIdentity.
        Interlocked.Exchange(ref _preparedId, 0);
        DisposeDeadline();

        // After Dispose returns no cancel callback is running or will run for this occupant.
        _registration.Dispose();
        _registration = default;
        _deferredRegistrationId = 0;
        RingOp op = Request.Op;
        if (abandoned)
        {
            _table.HoldScratchForKernel();
            ForgetResources();
        }
        else
        {
            ReleaseResources();
        }

        _pendingError = error ?? Outcome(op, ref result);
        if (abandoned && _pendingError is ErrnoException failed)
        {
            _pendingError = new ErrnoException(
                failed.Errno,
                SyscallName(op),
                (ErrorDetail() is { } detail ? detail + "; " : string.Empty)
                + "the ring failed while the kernel held this request, so the kernel may still write into its buffers: "
                + "they stay pinned for the life of the process; do not reuse them");
        }

        _pendingResult = result;
        _table.OnCompleted(this, result, _pendingError);
        return true;
    }

    /// <summary>
    /// Resumes the awaiter of an operation finished on any thread (a worker, a canceller, the ring). One submitted
    /// from the ring's context is resumed by the ring thread, so its result is never set while the ring thread is
    /// still registering the awaiter's continuation.
    /// </summary>
    private void DeliverFromAnyThread()
    {
        if (_boundContext is { IsRingThread: false } context)
        {
            context.PostDelivery(this);
            return;
        }

        Deliver(runContinuationInline: _inlineRing);
    }

    /// <summary>Whether the operation was submitted by code on its ring's own context (RunOnRingAsync).</summary>
    internal bool IsBoundToRing => _boundContext is not null;

    /// <summary>Whether the awaiter registered on the ring's own context: it resumes inline on the ring thread.</summary>
    internal bool ResumesOnRing => _continuationOnRing;

    /// <summary>Resumes the awaiter of an operation finished by <see cref="TryFinish(int)"/>.</summary>
    /// <param name="runContinuationInline">Run the continuation on this thread (a thread-pool batch, or an inline ring);
    /// false queues it to the thread pool on its own. An awaiter on the ring's context resumes inline either way.</param>
    internal void Deliver(bool runContinuationInline)
    {
        // The continuation may run here, on a thread of the ring or a pool batch: what it sets in its context stays
        // with it (UserCodeContext).
        UserCodeContext own = UserCodeContext.Save();
        try
        {
            DeliverHere(runContinuationInline);
        }
        finally
        {
            own.Restore();
        }
    }

    private void DeliverHere(bool runContinuationInline)
    {
        Debug.Assert(Phase == OperationPhase.Completed, "only a finished operation is delivered, once");
        Exception? error = _pendingError;
        _pendingError = null;
        if (Blocking is { } work)
        {
            // An offloaded user call: its awaiter holds the typed source, not this slot, so the slot is
            // free as soon as the call has finished.
            Recycle();
            work.Complete(error);
            return;
        }

        if (_continuationOnRing && _boundContext is { } context)
        {
            // The awaiter is code on the ring's context: resume it here, with the context current, so its next
            // await captures it again and the loop never leaves this thread.
            _core.RunContinuationsAsynchronously = false;
            SynchronizationContext? previous = SynchronizationContext.Current;
            SynchronizationContext.SetSynchronizationContext(context);
            try
            {
                SetOutcome(error);
            }
            finally
            {
                SynchronizationContext.SetSynchronizationContext(previous);
            }

            return;
        }

        _core.RunContinuationsAsynchronously = !runContinuationInline;
        SetOutcome(error);
    }

    private void SetOutcome(Exception? error)
    {
        if (error is null)
        {
            _core.SetResult(_pendingResult);
        }
        else
        {
            _core.SetException(error);
        }
    }

    /// <summary>
    /// The flags the awaiter's continuation is registered with. An awaiter on the ring's own context, awaiting an
    /// operation submitted there, needs no post back to the context: the ring thread resumes it inline.
    /// </summary>
    private ValueTaskSourceOnCompletedFlags ContinuationFlags(ValueTaskSourceOnCompletedFlags flags)
    {
        if ((flags & ValueTaskSourceOnCompletedFlags.UseSchedulingContext) != 0 && _boundContext is { IsCurrent: true })
        {
            _continuationOnRing = true;
            return flags & ~ValueTaskSourceOnCompletedFlags.UseSchedulingContext;
        }

        return flags;
    }

    /// <summary>Returns the slot to the table once the awaiter has taken the result.</summary>
    private void Recycle()
    {
        Debug.Assert(Phase == OperationPhase.Completed, "a slot is given back only after its operation completed");
        Debug.Assert(Volatile.Read(ref _preparedId) == 0 && _pinCount == 0 && !_handleReferenced && HeldFd < 0, "nothing is held once completed");
        Request = default;
        Blocking = null;
        _token = default;
        _boundContext = null;
        _continuationOnRing = false;
        _core.Reset();
        Volatile.Write(ref _phase, (int)OperationPhase.Free);
        _table.Return(this);
    }

    /// <summary>Back to Free without completing: the operation was admitted but never started.</summary>
    internal void ResetUnused()
    {
        Debug.Assert(Phase == OperationPhase.Queued, "only an operation that never started is given back unused");
        Interlocked.Exchange(ref _preparedId, 0);
        DisposeDeadline();
        _registration.Dispose();
        _registration = default;
        ReleaseResources();
        Request = default;
        Blocking = null;
        _token = default;
        _boundContext = null;
        Volatile.Write(ref _phase, (int)OperationPhase.Free);
    }
}
