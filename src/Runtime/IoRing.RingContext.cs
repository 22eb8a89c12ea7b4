using System;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys.Operations;

namespace AsyncSys;

// Running user code on the ring thread itself: a loop of awaits that never changes threads.
public sealed partial class IoRing
{
    /// <summary>
    /// Runs <paramref name="loop"/> on the ring's own thread, under the ring's <see cref="SynchronizationContext"/>.
    /// Each ring operation it awaits (without <c>ConfigureAwait(false)</c>) resumes inline on the ring thread as soon
    /// as its completion is reaped: no thread-pool hop, and the whole loop stays on one thread. Awaits of anything
    /// else (a <see cref="Task"/>, <c>Task.Yield</c>, a timer) come back to the ring thread through the context.
    /// </summary>
    /// <param name="loop">The code to run, for example a per-connection request loop. It must not block: while it
    /// runs, no operation of this ring is submitted or completed (a watchdog reports code that runs past 1 ms; see
    /// docs/performance.md). Offload CPU-heavy or blocking work with <c>Task.Run</c> or <see cref="RunBlockingAsync{TState}"/>.</param>
    /// <returns>A task that completes with the loop's task. Its own continuations run on the thread pool, never on the ring thread.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="loop"/> is null.</exception>
    /// <exception cref="ObjectDisposedException">The ring is disposed.</exception>
    /// <remarks>
    /// Only the io_uring backend has a ring thread that runs your code. With Linux AIO or workers
    /// (<see cref="Backend"/>) the loop runs on the thread pool and its awaits resume there, as in the default mode.
    /// On <see cref="Shared"/> (several rings on larger machines) loops take turns over its rings, and each loop's
    /// operations go to the ring it runs on.
    /// Work posted to the context after the ring is disposed runs on the thread pool.
    /// </remarks>
    public Task RunOnRingAsync(Func<Task> loop)
    {
        ArgumentNullException.ThrowIfNull(loop);
        return RunOnRingAsync(async () =>
        {
            await loop().ConfigureAwait(true);
            return true;
        });
    }

    /// <summary>
    /// Runs <paramref name="loop"/> on the ring's own thread and returns its result; see <see cref="RunOnRingAsync(Func{Task})"/>.
    /// </summary>
    /// <typeparam name="T">What the loop returns.</typeparam>
    /// <param name="loop">The code to run on the ring thread. It must not block.</param>
    /// <returns>A task that completes with the loop's result or exception. Its continuations run on the thread pool.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="loop"/> is null.</exception>
    /// <exception cref="ObjectDisposedException">The ring is disposed.</exception>
    public Task<T> RunOnRingAsync<T>(Func<Task<T>> loop)
    {
        ArgumentNullException.ThrowIfNull(loop);
        ThrowIfDisposed();
        var outcome = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (NextLoopRing().RingBackend.ContinuationContext is not { } context)
        {
            _ = Task.Run(loop).ContinueWith(CopyOutcome<T>, outcome, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            return outcome.Task;
        }

        context.Post(
            static state =>
            {
                var (loop, outcome) = ((Func<Task<T>>, TaskCompletionSource<T>))state!;
                Task<T> running;
                try
                {
                    running = loop();
                }
                catch (Exception ex)
                {
                    outcome.TrySetException(ex);
                    return;
                }

                running.ContinueWith(CopyOutcome<T>, outcome, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            },
            (loop, outcome));
        return outcome.Task;
    }

    /// <summary>
    /// The ring a new loop runs on: this one, or on a set (<see cref="Shared"/>) each member in turn. Not the calling
    /// thread's processor's: loops are usually started from one thread (an accept loop, a startup method), and a loop
    /// never runs on the thread that started it anyway, so taking turns is what spreads them over the ring threads.
    /// </summary>
    private IoRing NextLoopRing()
    {
        if (_members is not { } members)
        {
            return this;
        }

        return members[(uint)Interlocked.Increment(ref _nextLoopMember) % (uint)members.Length];
    }

    // The member the last loop was given (NextLoopRing).
    private int _nextLoopMember = -1;

    /// <summary>
    /// The ring thread's synchronization context, or null when the backend has no ring thread that runs user code
    /// (Linux AIO, workers). Code you post or send to it runs on the ring thread, and ring operations awaited there
    /// resume inline; <see cref="RunOnRingAsync(Func{Task})"/> is the usual way in. On <see cref="Shared"/>, the
    /// context of the calling thread's processor's ring.
    /// </summary>
    public SynchronizationContext? RingContext => Target.RingBackend.ContinuationContext;

    private static void CopyOutcome<T>(Task<T> finished, object? state)
    {
        var outcome = (TaskCompletionSource<T>)state!;
        if (finished.IsCanceled)
        {
            outcome.TrySetCanceled(CanceledToken(finished));
        }
        else if (finished.Exception is { } failure)
        {
            outcome.TrySetException(failure.InnerExceptions);
        }
        else
        {
            outcome.TrySetResult(finished.Result);
        }
    }

    // The token a cancelled task carries, so the caller's OperationCanceledException names it.
    private static CancellationToken CanceledToken(Task finished)
    {
        try
        {
            finished.GetAwaiter().GetResult();
        }
        catch (OperationCanceledException ex)
        {
            return ex.CancellationToken;
        }

        return CancellationToken.None;
    }
}
