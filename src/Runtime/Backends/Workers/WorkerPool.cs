using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Threading;
using AsyncSys.Interop;
using AsyncSys.Operations;

namespace AsyncSys.Backends.Workers;

/// <summary>
/// A bounded pool of dedicated threads for blocking calls. Not the .NET thread pool: blocking work starves
/// it, and its threads come and go. Threads start on demand up to the limit and stay. The queue is bounded
/// by the operation table: every job holds a table slot. Calls that wait for readiness (a read on an idle
/// pipe, a poll, a timer) do not hold a worker while they wait: they park on the <see cref="ReadinessLane"/>
/// and come back when the descriptor is ready, so they can never starve fsync, open or a user call.
/// </summary>
internal sealed class WorkerPool : IDisposable
{
    private readonly Queue<IWorkerJob> _queue = new();
    private readonly object _lock = new();
    private readonly List<Thread> _threads = new();
    private readonly int _maxThreads;
    private readonly string _name;
    private ReadinessLane? _lane;
    private int _idle;
    private bool _stopping;

    internal WorkerPool(int maxThreads, string name)
    {
        _maxThreads = maxThreads;
        _name = name;
    }

    /// <summary>Threads started so far.</summary>
    internal int ThreadCount
    {
        get
        {
            lock (_lock)
            {
                return _threads.Count;
            }
        }
    }

    /// <summary>Jobs waiting for a worker.</summary>
    internal int QueuedCount
    {
        get
        {
            lock (_lock)
            {
                return _queue.Count;
            }
        }
    }

    /// <summary>Operations parked on the readiness lane (waiting for a descriptor or a timer, holding no worker).</summary>
    internal int ParkedCount => Volatile.Read(ref _lane)?.Count ?? 0;

    /// <summary>
    /// Hands a submitted operation (phase Queued) to the workers: a built-in Nop completes here and a built-in
    /// timer waits on the readiness lane, so neither queues behind blocked workers; everything else is queued
    /// for a worker. Returns null once handed off, or the error that kept it from being handed off (the pool
    /// is stopping, no worker or lane thread could start): the submitter then rolls the admission back and
    /// throws it, so the slot is free at once.
    /// </summary>
    internal Exception? Dispatch(Operation operation)
    {
        if (operation.Blocking is null)
        {
            switch (operation.Request.Op)
            {
                case RingOp.Nop:
                    if (operation.TryStart(OperationPhase.OnWorker))
                    {
                        operation.Complete(operation.IsCancellationRequested ? -Errno.ECANCELED : 0);
                    }

                    return null;
                case RingOp.Timeout:
                    if (Volatile.Read(ref _lane) is null && TryStartLane() is { } laneError)
                    {
                        return laneError;
                    }

                    if (operation.TryStart(OperationPhase.OnWorker))
                    {
                        BlockingSyscalls.Run(operation); // sets the due time; a timer always parks
                        if (!_lane!.Park(operation, operation.ParkFd, operation.ParkEvents, operation.ParkDue))
                        {
                            operation.CompleteWithError(new ObjectDisposedException(nameof(IoRing), "The ring is disposed; its readiness lane has stopped."));
                        }
                    }

                    return null;
            }
        }

        return TryEnqueue(operation);
    }

    /// <summary>Queues a job that is already under way (moved off a ring, back from the lane); if no worker can take it, it is rejected (completes with the error).</summary>
    internal void Enqueue(IWorkerJob job)
    {
        if (TryEnqueue(job) is { } error)
        {
            job.Reject(error);
        }
    }

    /// <summary>
    /// Queues <paramref name="job"/> for a worker, starting one if every started worker is busy and the bound
    /// allows. If that start fails (no thread or descriptor to spare) or the pool is stopping, the job is not
    /// queued and the error is returned; the thread slot is not used up.
    /// </summary>
    internal Exception? TryEnqueue(IWorkerJob job)
    {
        lock (_lock)
        {
            if (_stopping)
            {
                return new ObjectDisposedException(nameof(IoRing), "The ring is disposed; its workers have stopped.");
            }

            if (_queue.Count + 1 > _idle && _threads.Count < _maxThreads)
            {
                // Every waiting worker already has a job to take (a pulse is not a take), so this one needs
                // a new thread: the pool grows while its workers are all busy, up to the bound.
                var thread = new Thread(Run) { IsBackground = true, Name = _name + " worker " + _threads.Count };
                try
                {
                    thread.UnsafeStart();
                }
                catch (Exception ex) when (ex is OutOfMemoryException or ThreadStartException)
                {
                    // Not queued: the workers it would wait for are all busy and may stay so. The caller fails
                    // this one operation; the slot in _threads was never taken, so a later start may succeed.
                    return WorkerStartFailed(ex);
                }

                _threads.Add(thread);
            }

            _queue.Enqueue(job);
            if (_idle > 0)
            {
                Monitor.Pulse(_lock);
            }

            return null;
        }
    }

    /// <summary>The exception an operation gets when no worker could be started for it.</summary>
    internal static ErrnoException WorkerStartFailed(Exception cause) =>
        new(Errno.EAGAIN, "pthread_create", "no blocking-call worker could be started (" + cause.GetType().Name + ": " + cause.Message + "); the operation did not run");

    /// <summary>
    /// Parks an operation (phase OnWorker, no worker running it) until its descriptor is ready or its timer is
    /// due. Returns the error if the lane cannot be started (the operation is then still the caller's).
    /// </summary>
    internal Exception? Park(Operation operation, int fd, PollEvents events, long dueTimestamp)
    {
        if (Volatile.Read(ref _lane) is null && TryStartLane() is { } error)
        {
            return error;
        }

        return _lane!.Park(operation, fd, events, dueTimestamp)
            ? null
            : new ObjectDisposedException(nameof(IoRing), "The ring is disposed; its readiness lane has stopped.");
    }

    private Exception? TryStartLane()
    {
        lock (_lock)
        {
            if (_stopping)
            {
                return new ObjectDisposedException(nameof(IoRing), "The ring is disposed; its workers have stopped.");
            }

            if (_lane is null)
            {
                try
                {
                    Volatile.Write(ref _lane, new ReadinessLane(this, _name + " readiness"));
                }
                catch (ErrnoException ex)
                {
                    return ex;
                }
                catch (Exception ex) when (ex is OutOfMemoryException or ThreadStartException)
                {
                    return WorkerStartFailed(ex);
                }
            }

            return null;
        }
    }

    /// <summary>
    /// Cancellation while an operation runs on a worker: a user call gets its cancel hook; a built-in call
    /// parked on the readiness lane is woken out of it (a built-in call never blocks a worker on readiness).
    /// </summary>
    internal void InterruptRunning(Operation operation, ulong id)
    {
        // Read once: the call can complete and its slot be released (Blocking cleared, or the slot reused) at any moment
        // from here on; a second read of the field met null there (NullReferenceException in CancelByFd under the chaos
        // mix). Whatever this copy holds is used only after the id check under the run lock says it is still occupant id's.
        BlockingWork? work = operation.Blocking;
        if (work is null)
        {
            // Parked on the lane: the lane completes it. In its call on a worker after readiness (another
            // reader took the bytes, or a write larger than the room the pipe had): interrupt that call.
            Volatile.Read(ref _lane)?.Wake();
            if (BlockingSyscalls.WaitsForReadiness(operation.Request.Op))
            {
                InterruptBuiltIn(operation, id);
            }

            return;
        }

        if (work.Hook is not { } hook)
        {
            return;
        }

        // Under the run lock, so the hook never sees a call that has already finished (the worker clears
        // WorkerThreadId under the same lock) nor one of another generation.
        lock (operation.RunLock)
        {
            if (operation.Id == id && operation.WorkerThreadId != 0)
            {
                try
                {
                    CancelHookScope.Invoke(hook, new BlockingCallInfo(operation, (long)id, operation.WorkerThreadId, work.StateObject));
                }
                catch (Exception ex)
                {
                    // The caller is CancelAll, Dispose, a token or a deadline: none of them may fail because of
                    // it (issue 16, item 6). The call keeps running; Dispose's timeout bounds the wait for it.
                    Diagnostics.UserCallbacks.Report(operation.Ring.Name, "cancel hook", ex);
                }
            }
        }
    }

    private static void InterruptBuiltIn(Operation operation, ulong id)
    {
        int tid;
        lock (operation.RunLock)
        {
            tid = operation.Id == id ? operation.WorkerThreadId : 0;
        }

        if (tid != 0)
        {
            try
            {
                WorkerInterrupt.Interrupt(operation, id, tid);
            }
            catch (InvalidOperationException)
            {
                // No real-time signal is free for us: the call ends when its descriptor delivers (as before).
            }
        }
    }

    private void Run()
    {
        IWorkerJob? job = null;
        try
        {
            int tid = Libc.gettid();
            Thread self = Thread.CurrentThread;
            string name = self.Name!;
            while (TryTake(out job))
            {
                job.Execute(tid);
                job = null;

                // A continuation run inline here (InlineContinuations) may have changed the thread itself.
                UserCodeThread.Reset(self, name);
            }
        }
        catch (Exception ex)
        {
            // A user's call, cancel hook or metrics listener never gets here: each is isolated where it runs. What
            // does is a defect of the worker itself, and a worker that dies silently leaves its operation (and every
            // awaiter behind it in the queue) waiting forever: fail fast, naming the ring, the thread and the job.
            Diagnostics.ThreadFailure.FailFast(
                $"the blocking-call worker '{Thread.CurrentThread.Name}' of ring '{_name}' failed"
                + (job is null ? " between jobs" : " while running " + job.Description)
                + $" (workers: {ThreadCount}, queued: {QueuedCount}, parked: {ParkedCount})",
                ex);
        }
    }

    /// <summary>Waits for the next job; false once the pool is stopping and the queue is empty.</summary>
    private bool TryTake([NotNullWhen(true)] out IWorkerJob? job)
    {
        lock (_lock)
        {
            while (_queue.Count == 0)
            {
                if (_stopping)
                {
                    job = null;
                    return false;
                }

                _idle++;
                Monitor.Wait(_lock);
                _idle--;
            }

            job = _queue.Dequeue();
            return true;
        }
    }

    /// <summary>Workers exit once the queue is empty; a call blocked forever keeps its (background) thread.</summary>
    public void Dispose()
    {
        ReadinessLane? lane;
        lock (_lock)
        {
            _stopping = true;
            Monitor.PulseAll(_lock);
            lane = _lane;
        }

        lane?.Stop();
    }
}
