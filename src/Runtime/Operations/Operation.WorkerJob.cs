using System;
using System.Diagnostics;
using System.Globalization;
using System.Threading;
using AsyncSys.Backends.Workers;

namespace AsyncSys.Operations;

// Running on a blocking-call worker: the kernel has no opcode for the request (or no ring runs), or it is a
// user's offloaded call. A call that would wait for readiness parks on the readiness lane instead of holding
// the worker, and comes back to the worker queue when its descriptor is ready.
internal sealed partial class Operation : IWorkerJob
{
    /// <summary>
    /// The user call this thread is running (<see cref="IoRing.RunBlockingAsync{TState}"/> or a generated variant), for
    /// <see cref="IoRing.IsBlockingCallCancellationRequested"/>: a body that retries on EINTR asks it whether the EINTR
    /// came from a cancel. The outer value is kept for a call that runs another inline (a short call on its admitting thread).
    /// </summary>
    [ThreadStatic]
    private static Operation? t_runningUserCall;

    /// <summary>Whether the user call running on this thread has been asked to cancel (false on any other thread).</summary>
    internal static bool RunningUserCallCancellationRequested => t_runningUserCall is { IsCancellationRequested: true };

    /// <summary>What the worker runs, for the message of a worker that fails (never user data beyond the descriptor).</summary>
    string IWorkerJob.Description =>
        (Blocking is null ? SyscallName(Request.Op) : "an offloaded call")
        + " (id 0x" + Id.ToString("x", CultureInfo.InvariantCulture)
        + ", fd " + Fd.ToString(CultureInfo.InvariantCulture)
        + ", phase " + Phase + ", cancel " + CancelReason + ")";

    /// <summary>Runs on a blocking-call worker: the kernel has no opcode for the request, or it is a user call.</summary>
    void IWorkerJob.Execute(int workerThreadId) => Run(workerThreadId, admittedJustNow: false);

    /// <summary>
    /// Runs a short call on the thread that admitted it a moment ago (<see cref="ShortBlockingCalls"/>): the same job body,
    /// with the admission time as the call's start, one clock read fewer per call (the three reads of a call run here were
    /// a fifth of the CPU samples of 16 concurrent no-op calls). The few instructions between admission and the call count
    /// towards its run time, against a short-call limit of 0.2 ms.
    /// </summary>
    internal void RunOnAdmittingThread(int threadId) => Run(threadId, admittedJustNow: true);

    private void Run(int workerThreadId, bool admittedJustNow)
    {
        if (IsCancellationRequested)
        {
            // Cancelled before it started: the call never runs.
            if (TryStart(OperationPhase.OnWorker))
            {
                Complete(-Errno.ECANCELED);
            }

            return;
        }

        lock (RunLock)
        {
            if (!TryStart(OperationPhase.OnWorker))
            {
                return;
            }

            WorkerThreadId = workerThreadId;
        }

        if (IsCancellationRequested)
        {
            // The request raced with the start; it saw Queued, so nobody will interrupt us: do not run.
            lock (RunLock)
            {
                WorkerThreadId = 0;
            }

            Complete(-Errno.ECANCELED);
            return;
        }

        int result;
        try
        {
            if (Blocking is { } work)
            {
                CallStartTimestamp = admittedJustNow ? StartTimestamp : Stopwatch.GetTimestamp();
                Operation? outer = t_runningUserCall;
                t_runningUserCall = this;
                try
                {
                    result = work.Run(this);
                }
                finally
                {
                    t_runningUserCall = outer;
                    CallTicks = Stopwatch.GetTimestamp() - CallStartTimestamp; // before any deferred completion
                }
            }
            else
            {
                result = BlockingSyscalls.Run(this);
            }

            if (result == BlockingSyscalls.Parked)
            {
                // Not ready: the readiness lane owns it until it is (phase stays OnWorker, no worker holds it).
                lock (RunLock)
                {
                    WorkerThreadId = 0;
                }

                if (Ring.Workers.Park(this, ParkFd, ParkEvents, ParkDue) is { } parkError)
                {
                    CompleteWithError(parkError); // no lane could start: this operation fails, nothing is lost
                }

                return;
            }
        }
        catch (Exception ex) when (Blocking is not null)
        {
            // A user call threw: its awaiter gets the exception; the completion is never lost. Anything else
            // that throws here is a defect of the worker itself, which fails fast with context (WorkerPool).
            Blocking.Fail(ex);
            result = 0;
        }

        lock (RunLock)
        {
            WorkerThreadId = 0;
        }

        if (result == -Errno.EINTR && IsCancellationRequested)
        {
            result = -Errno.ECANCELED;
        }

        if (CompletesAfterWaitingWork)
        {
            CompletesAfterWaitingWork = false;
            CompleteAfterWaitingWork(result);
            return;
        }

        Complete(result);
    }

    /// <summary>No worker will ever run this job: it completes with <paramref name="error"/>.</summary>
    void IWorkerJob.Reject(Exception error)
    {
        // Queued (never started) or parked: either way nobody else completes it.
        CompleteWithError(error);
    }

    /// <summary>The readiness lane hands a parked operation (OnWorker) back to the worker queue (Queued).</summary>
    internal bool TryReturnToQueue()
    {
        bool returned = Interlocked.CompareExchange(ref _phase, (int)OperationPhase.Queued, (int)OperationPhase.OnWorker) == (int)OperationPhase.OnWorker;
        Debug.Assert(returned || Phase == OperationPhase.Completed, "a parked operation is on a worker until it completes");
        return returned;
    }
}
