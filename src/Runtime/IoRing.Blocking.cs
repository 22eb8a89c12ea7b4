using System;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys.Operations;

namespace AsyncSys;

// Offloaded calls: a synchronous syscall wrapper run on a blocking-call worker.
public sealed partial class IoRing
{
    private ShortBlockingCalls? _shortCalls;

    /// <summary>Which call sites are short enough to run on the calling thread-pool thread (created on first use).</summary>
    private ShortBlockingCalls ShortCalls =>
        Volatile.Read(ref _shortCalls)
        ?? Interlocked.CompareExchange(ref _shortCalls, new ShortBlockingCalls(Name, Table.Capacity, _options.RunShortBlockingCallsOnCaller, _options.ShortBlockingCallLimit, _options.OtherWorkWaiting), null)
        ?? _shortCalls!;

    /// <summary>
    /// Whether the blocking call this thread is running for <see cref="RunBlockingAsync{TState}"/> (or for a generated
    /// variant that runs its wrapper on a worker) has been asked to cancel; <see langword="false"/> on any other thread.
    /// </summary>
    /// <remarks>
    /// Cancelling a call that waits in the kernel interrupts its worker (<see cref="BlockingCallInfo.InterruptWorker"/>),
    /// so the syscall fails with EINTR. A wrapper whose body retries on EINTR would make the call again and wait on; it
    /// ends its loop when this is true and returns the failure (-1 with errno EINTR), which the task turns into
    /// <see cref="OperationCanceledException"/>:
    /// <code>
    /// do { n = read(fd, p, count); }
    /// while (n &lt; 0 &amp;&amp; Marshal.GetLastPInvokeError() == EINTR &amp;&amp; !IoRing.IsBlockingCallCancellationRequested);
    /// </code>
    /// </remarks>
    public static bool IsBlockingCallCancellationRequested => Operation.RunningUserCallCancellationRequested || RunningShortCall.CurrentCancellationRequested;

    /// <summary>
    /// Runs a blocking call on one of the ring's dedicated worker threads. errno is captured on the worker
    /// right after the call returns (cleared before; Marshal's last P/Invoke error, else errno itself).
    /// </summary>
    /// <remarks>
    /// A call site (the <paramref name="call"/> delegate; use a static lambda) whose recent runs all finished
    /// within a fraction of a millisecond skips the worker's two thread hand-offs, with the same cancellation, hook and
    /// errno semantics (at most one such call per processor at a time, per ring). Without a
    /// <paramref name="cancelHook"/> it runs on the calling thread when that is a thread-pool thread, and has run by the
    /// time this method returns. With a hook (a call that can wait, such as a lock or a wait for a child) it runs on a
    /// thread-pool work item instead, about what an awaited <see cref="Task.Run(Action)"/> costs: this method returns at
    /// once, so code may start the call and then do what ends its wait. Repeated long runs send the site back to the
    /// workers. A call without a hook that may wait for something this caller does next belongs on the workers: switch
    /// <see cref="IoRingOptions.RunShortBlockingCallsOnCaller"/> off, or give it a hook.
    /// </remarks>
    /// <typeparam name="TState">The call's arguments and out-values; passed by reference to <paramref name="call"/>.</typeparam>
    /// <param name="state">The arguments.</param>
    /// <param name="call">The call; a static lambda avoids an allocation.</param>
    /// <param name="cancelHook">
    /// Invoked if <paramref name="cancellationToken"/> fires while the call runs, to unblock it (for example
    /// <see cref="BlockingCallInfo.InterruptWorker"/>). If the token fires before the call starts, the call never runs.
    /// </param>
    /// <param name="cancellationToken">Requests cancellation.</param>
    /// <returns>The call's raw value, errno and state.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="call"/> is null.</exception>
    /// <exception cref="OperationCanceledException">Cancelled before the call started, or the call failed with EINTR after a cancel.</exception>
    /// <exception cref="ObjectDisposedException">The ring is disposed.</exception>
    /// <exception cref="IoRingQuiescedException">The ring is quiesced and <see cref="IoRingOptions.WhileQuiesced"/> is <see cref="QuiescedSubmissions.FailFast"/>.</exception>
    public ValueTask<BlockingResult<TState>> RunBlockingAsync<TState>(
        TState state,
        BlockingCall<TState> call,
        BlockingCancelHook? cancelHook = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(call);
        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled<BlockingResult<TState>>(cancellationToken);
        }

        return Target.RunBlockingHere(state, call, cancelHook, cancellationToken);
    }

    private ValueTask<BlockingResult<TState>> RunBlockingHere<TState>(
        TState state,
        BlockingCall<TState> call,
        BlockingCancelHook? cancelHook,
        CancellationToken cancellationToken)
    {
        using (EnterCall())
        {
            // A short call needs no slot. Without a hook it runs here; with one it can wait, so it runs on a thread-pool
            // work item and this method returns at once (published where CancelAll, Dispose and its token find it).
            if (cancelHook is not null)
            {
                if (ShortCalls.TryQueueOnPool(this, call, state, cancelHook, cancellationToken, out ValueTask<BlockingResult<TState>> queued))
                {
                    return queued;
                }
            }
            else if (ShortCalls.TryRunWithoutSlot(Table, call, ref state, cancellationToken, out long value, out int errno, out Exception? thrown))
            {
                return thrown switch
                {
                    null => new ValueTask<BlockingResult<TState>>(new BlockingResult<TState>(value, errno, state)),
                    OperationCanceledException or ObjectDisposedException => BlockingWork<TState>.Ended(state, call, thrown), // as the full path's: Canceled, not Faulted
                    _ => ValueTask.FromException<BlockingResult<TState>>(thrown),
                };
            }

            if (!Table.TryRent(out Operation operation))
            {
                ThrowIfDisposed();
                ThrowIfQuiescedAndFailingFast();
                return RunBlockingWhenSlotFreeAsync(state, call, cancelHook, cancellationToken);
            }

            return StartBlocking(operation, state, call, cancelHook, cancellationToken);
        }
    }

    private async ValueTask<BlockingResult<TState>> RunBlockingWhenSlotFreeAsync<TState>(
        TState state,
        BlockingCall<TState> call,
        BlockingCancelHook? cancelHook,
        CancellationToken cancellationToken)
    {
        Operation operation = await Table.RentAsync(cancellationToken).ConfigureAwait(false);
        if (!TryEnterCall())
        {
            Table.Unadmit(operation);
            throw new ObjectDisposedException(nameof(IoRing), "The ring was disposed while the call waited for a slot.");
        }

        ValueTask<BlockingResult<TState>> started;
        try
        {
            started = StartBlocking(operation, state, call, cancelHook, cancellationToken);
        }
        finally
        {
            ExitCall();
        }

        return await started.ConfigureAwait(false);
    }

    private ValueTask<BlockingResult<TState>> StartBlocking<TState>(
        Operation operation,
        TState state,
        BlockingCall<TState> call,
        BlockingCancelHook? cancelHook,
        CancellationToken cancellationToken)
    {
        // Exact: a call run on this thread takes its admission as its start, and its run time decides where its call
        // site runs next (ShortBlockingCalls).
        operation.StartTimestamp = Stopwatch.GetTimestamp();
        BlockingWork<TState> work;
        try
        {
            work = BlockingWork<TState>.Rent(state, call, cancelHook);
        }
        catch
        {
            // The first use of a state type can fail to load what it needs (a process with no descriptor left cannot
            // open an assembly): the slot goes back, or it would stay in flight and be abandoned at Dispose.
            Table.Unadmit(operation);
            throw;
        }

        short version = work.Version;
        try
        {
            // One rollback for every failure before the hand-off to a worker (see Start).
            operation.Blocking = work;
            operation.Prepare(RingRequest.Nop(), returnRawErrors: true, inlineContinuations: false);
            operation.RanOn = IoBackend.Workers;
            operation.RegisterCancellation(cancellationToken);
            if (!operation.IsCancellationRequested)
            {
                ShortBlockingCalls.Site site = ShortCalls.Track(operation, call);
                OnOperationAdmitted(operation);
                // A call with a hook can wait: never on the caller (see RunBlockingHere).
                if ((cancelHook is not null || !ShortCalls.TryRunHere(operation, site)) && Workers.TryEnqueue(operation) is { } handoffError)
                {
                    throw handoffError; // no worker could take it: rolled back below, the caller sees why
                }

                return new ValueTask<BlockingResult<TState>>(work, version);
            }
        }
        catch
        {
            Table.Unadmit(operation);
            work.Discard();
            throw;
        }

        OnOperationAdmitted(operation);
        operation.CompleteCancelledBeforeStart();
        return new ValueTask<BlockingResult<TState>>(work, version);
    }
}
