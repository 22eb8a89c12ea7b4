using System;

namespace AsyncSys;

/// <summary>
/// Describes a blocking call that is running on a worker when its cancellation is requested. Passed to
/// cancel hooks so they can unblock the call, for example by closing a descriptor, writing to a pipe the
/// call waits on, or <see cref="InterruptWorker"/>.
/// </summary>
public readonly struct BlockingCallInfo
{
    private readonly Operations.IRunningCall? _call;

    internal BlockingCallInfo(Operations.IRunningCall call, long operationId, int nativeThreadId, object? state)
    {
        _call = call;
        OperationId = operationId;
        NativeThreadId = nativeThreadId;
        State = state;
    }

    /// <summary>
    /// The operation's id in its ring's operation table; for a short call run on its caller's thread without a table slot
    /// (see <see cref="IoRing.RunBlockingAsync{TState}"/>), an id of its own with bit 62 set. Unique among the calls in
    /// flight on the ring, as <see cref="InFlightOperation.Id"/> shows it.
    /// </summary>
    public long OperationId { get; }

    /// <summary>The Linux thread id (tid) of the thread running the call: a worker, or the caller's thread-pool thread for a short call run there.</summary>
    public int NativeThreadId { get; }

    /// <summary>The state object passed to the offloaded call, if it is a reference type; otherwise null.</summary>
    public object? State { get; }

    /// <summary>
    /// Sends the worker thread a signal whose handler does nothing and does not restart syscalls, so a
    /// call blocked in the kernel (read on a pipe, flock, a futex wait, ...) returns <c>EINTR</c>. A signal
    /// that arrives while the call is still in managed code, before its syscall, would be absorbed: so the
    /// signal is sent again, with a bounded backoff (1 ms doubling to 50 ms), until the worker is seen to
    /// leave this call. Calls that retry on EINTR themselves are not stopped by this (they get a signal
    /// every 50 ms until they return) unless their loop ends when <see cref="IoRing.IsBlockingCallCancellationRequested"/>
    /// is true. The signal is SIGRTMAX-1, or the next lower real-time signal that
    /// has no handler yet: an existing handler is never replaced.
    /// </summary>
    /// <returns><see langword="true"/> if the call was still running and the signal was sent.</returns>
    /// <exception cref="InvalidOperationException">Every real-time signal this could use already has a handler.</exception>
    public bool InterruptWorker() =>
        NativeThreadId != 0 && _call is not null && Backends.Workers.WorkerInterrupt.Interrupt(_call, (ulong)OperationId, NativeThreadId);
}

/// <summary>A cancel hook for a blocking call: invoked on the cancelling thread while the call runs on a worker.</summary>
/// <param name="call">The call to unblock.</param>
public delegate void BlockingCancelHook(BlockingCallInfo call);

/// <summary>A blocking call run on a worker: receives its state by reference, so it can write out-values into it.</summary>
/// <typeparam name="TState">The call's arguments and out-values.</typeparam>
/// <param name="state">The state, owned by the operation until it completes.</param>
/// <returns>The call's raw result, typically <c>-1</c> on failure with errno set.</returns>
public delegate long BlockingCall<TState>(ref TState state);

/// <summary>The outcome of a blocking call run on a worker.</summary>
/// <typeparam name="TState">The call's state, including any out-values the call wrote.</typeparam>
public readonly struct BlockingResult<TState>
{
    internal BlockingResult(long value, int errno, TState state)
    {
        Value = value;
        Errno = errno;
        State = state;
    }

    /// <summary>The call's raw return value.</summary>
    public long Value { get; }

    /// <summary>errno as captured on the worker right after the call returned (0 if none was set).</summary>
    public int Errno { get; }

    /// <summary>The state after the call, with its out-values.</summary>
    public TState State { get; }

    /// <summary>Throws <see cref="ErrnoException"/> when <see cref="Value"/> is negative; returns <see cref="Value"/> otherwise.</summary>
    /// <param name="syscall">The call's name, for the exception.</param>
    /// <returns>The call's non-negative value.</returns>
    /// <exception cref="ErrnoException">The call failed (<see cref="Value"/> is negative); it carries <see cref="Errno"/>.</exception>
    public long ThrowIfFailed(string syscall)
    {
        if (Value < 0)
        {
            throw new ErrnoException(Errno != 0 ? Errno : Math.Max(1, (int)-Value), syscall);
        }

        return Value;
    }
}
