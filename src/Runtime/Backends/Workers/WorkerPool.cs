using System;
using System.Collections.Generic;
using System.Threading;
using AsyncSys.Interop;
using AsyncSys.Operations;

namespace AsyncSys.Backends.Workers;

/// <summary>
/// A bounded pool of dedicated threads for blocking calls. Not the .NET thread pool: blocking work starves
/// it, and its threads come and go. Threads start on demand up to the limit and stay. The queue is bounded
/// by the operation table: every job holds a table slot.
/// </summary>
internal sealed class WorkerPool : IDisposable
{
    private readonly Queue<IWorkerJob> _queue = new();
    private readonly object _lock = new();
    private readonly List<Thread> _threads = new();
    private readonly int _maxThreads;
    private readonly string _name;
    private int _idle;
    private int _busy;
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

    internal void Enqueue(IWorkerJob job)
    {
        lock (_lock)
        {
            if (_stopping)
            {
                throw new ObjectDisposedException(nameof(IoRing));
            }

            _queue.Enqueue(job);
            if (_idle > 0)
            {
                Monitor.Pulse(_lock);
                return;
            }

            if (_threads.Count < _maxThreads)
            {
                var thread = new Thread(Run) { IsBackground = true, Name = _name + " worker " + _threads.Count };
                _threads.Add(thread);
                thread.UnsafeStart();
            }
        }
    }

    /// <summary>
    /// Cancellation while an operation runs on a worker: a user call gets its cancel hook; a built-in
    /// call polls for readiness in short steps and notices the request by itself.
    /// </summary>
    internal void InterruptRunning(Operation operation, ulong id)
    {
        if (operation.Blocking?.Hook is not { } hook)
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
                    hook(new BlockingCallInfo((long)id, operation.WorkerThreadId, operation.Blocking.StateObject));
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

    private void Run()
    {
        int tid = Libc.gettid();
        while (true)
        {
            IWorkerJob job;
            lock (_lock)
            {
                while (_queue.Count == 0)
                {
                    if (_stopping)
                    {
                        return;
                    }

                    _idle++;
                    Monitor.Wait(_lock);
                    _idle--;
                }

                job = _queue.Dequeue();
                _busy++;
            }

            try
            {
                job.Execute(tid);
            }
            finally
            {
                lock (_lock)
                {
                    _busy--;
                }
            }
        }
    }

    /// <summary>Workers exit once the queue is empty; a call blocked forever keeps its (background) thread.</summary>
    public void Dispose()
    {
        lock (_lock)
        {
            _stopping = true;
            Monitor.PulseAll(_lock);
        }
    }
}
