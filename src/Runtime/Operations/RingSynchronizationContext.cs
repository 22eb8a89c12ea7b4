using System;
using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;
using System.Threading;

namespace AsyncSys.Operations;

/// <summary>
/// The synchronization context of one ring thread. Code running under it (<see cref="IoRing.RunOnRingAsync(Func{System.Threading.Tasks.Task})"/>)
/// stays on the ring thread: an awaited ring operation submitted here resumes inline when its completion is reaped,
/// and anything else that captured the context (a <c>Task.Yield</c>, a timer) is queued to the ring thread, which runs
/// it between reaping passes. Work posted after the ring thread has stopped runs on the thread pool.
/// </summary>
internal sealed class RingSynchronizationContext : SynchronizationContext
{
    private readonly ConcurrentQueue<(SendOrPostCallback Callback, object? State)> _posted = new();
    private readonly int _ringThreadId;
    private readonly Action _wake;
    private readonly ContinuationWatchdog _watchdog;
    private volatile bool _closed;

    internal RingSynchronizationContext(int ringThreadId, Action wake, ContinuationWatchdog watchdog)
    {
        _ringThreadId = ringThreadId;
        _wake = wake;
        _watchdog = watchdog;
    }

    /// <summary>The IoRing whose ring thread this is (a member, for a set of rings).</summary>
    internal object? Owner { get; set; }

    /// <summary>Whether the calling thread is this context's ring thread.</summary>
    internal bool IsRingThread => Environment.CurrentManagedThreadId == _ringThreadId;

    /// <summary>Whether the calling code runs on the ring thread under this context (so its awaits can stay here).</summary>
    internal bool IsCurrent => ReferenceEquals(Current, this) && IsRingThread;

    /// <summary>Whether work waits for the ring thread.</summary>
    internal bool HasPosted => !_posted.IsEmpty;

    public override void Post(SendOrPostCallback d, object? state)
    {
        ArgumentNullException.ThrowIfNull(d);
        _posted.Enqueue((d, state));
        if (_closed)
        {
            DrainToPool(); // the ring thread is gone: nobody else would run it
            return;
        }

        _wake();
    }

    public override void Send(SendOrPostCallback d, object? state)
    {
        ArgumentNullException.ThrowIfNull(d);
        if (IsRingThread)
        {
            d(state);
            return;
        }

        using var done = new ManualResetEventSlim(false);
        ExceptionDispatchInfo? failure = null;
        Post(_ => { try { d(state); } catch (Exception ex) { failure = ExceptionDispatchInfo.Capture(ex); } finally { done.Set(); } }, null);
        done.Wait();
        failure?.Throw();
    }

    // The same context object everywhere: the identity is what tells a ring operation that its awaiter is on this ring.
    public override SynchronizationContext CreateCopy() => this;

    /// <summary>Resumes <paramref name="operation"/>'s awaiter on the ring thread (from another thread, or after the watchdog tripped).</summary>
    internal void PostDelivery(Operation operation) => Post(static s => ((Operation)s!).Deliver(runContinuationInline: false), operation);

    /// <summary>On the ring thread: runs what was posted before this call (later posts wait for the next pass, so the ring keeps reaping).</summary>
    internal void RunPosted()
    {
        int count = _posted.Count;
        if (count == 0)
        {
            return;
        }

        SynchronizationContext? previous = Current;
        SetSynchronizationContext(this);
        try
        {
            for (int i = 0; i < count && _posted.TryDequeue(out (SendOrPostCallback Callback, object? State) item); i++)
            {
                long started = _watchdog.Start();
                UserCodeContext own = UserCodeContext.Save();
                try
                {
                    item.Callback(item.State);
                }
                catch (Exception ex)
                {
                    // Unhandled in user code posted here (an async void method, a callback): as on any thread, it
                    // ends the process; thrown on the pool so the ring thread's own failure path does not claim it.
                    ThreadPool.UnsafeQueueUserWorkItem(static e => ((ExceptionDispatchInfo)e!).Throw(), ExceptionDispatchInfo.Capture(ex), preferLocal: false);
                }
                finally
                {
                    // What the callback set in the ring thread's context is not seen by the next one.
                    own.Restore();
                }

                _watchdog.Finish(started);
            }
        }
        finally
        {
            _watchdog.EndPass(); // the ring thread may sleep next
            SetSynchronizationContext(previous);
        }
    }

    /// <summary>Called once the ring thread has stopped: what is posted from now on runs on the thread pool.</summary>
    internal void Close()
    {
        _closed = true;
        DrainToPool();
    }

    private void DrainToPool()
    {
        while (_posted.TryDequeue(out (SendOrPostCallback Callback, object? State) item))
        {
            ThreadPool.UnsafeQueueUserWorkItem(static s => s.Callback(s.State), item, preferLocal: false);
        }
    }
}
