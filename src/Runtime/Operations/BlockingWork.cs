using System;
using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using System.Threading.Tasks.Sources;

namespace AsyncSys.Operations;

/// <summary>A user's synchronous call that a worker runs for <see cref="IoRing.RunBlockingAsync{TState}"/>.</summary>
internal abstract class BlockingWork
{
    /// <summary>The hook to call if cancellation is requested while the call runs.</summary>
    internal BlockingCancelHook? Hook;

    /// <summary>The state as an object, for <see cref="BlockingCallInfo.State"/>.</summary>
    internal abstract object? StateObject { get; }

    /// <summary>Runs the call on the current worker; returns -ECANCELED if it was interrupted by a cancel, else 0.</summary>
    internal abstract int Run(Operation operation);

    /// <summary>Records an exception thrown by the call.</summary>
    internal abstract void Fail(Exception exception);

    /// <summary>Delivers the outcome to the awaiter.</summary>
    internal abstract void Complete(Exception? error);
}

/// <summary>
/// A pooled, reusable value-task source for one blocking call with state of type <typeparamref name="TState"/>; for a
/// short call with a cancel hook, also the thread-pool work item that runs it (BlockingWork.OnPool.cs).
/// </summary>
internal sealed partial class BlockingWork<TState> : BlockingWork, IValueTaskSource<BlockingResult<TState>>
{
    // A state type from a collectible AssemblyLoadContext (a plugin loaded and unloaded at run time): no pooling. The
    // pools below are statics of this type instantiated over the plugin's type, owned by the plugin's loader allocator
    // and freed when it unloads; hosts that unloaded such plugins over and over crashed in the GC (.NET 10.0.12, also
    // with a plugin that uses no AsyncSys at all: tools/unload-repro). Such a call allocates its work item instead.
    private static readonly bool s_pooled = !typeof(TState).IsCollectible;

    private ManualResetValueTaskSourceCore<BlockingResult<TState>> _core;
    private TState _state = default!;
    private BlockingCall<TState>? _call;
    private long _value;
    private int _errno;
    private Exception? _exception;

    internal static BlockingWork<TState> Rent(TState state, BlockingCall<TState> call, BlockingCancelHook? hook)
    {
        BlockingWork<TState>? work = s_pooled ? Pooled.Take() : null;
        if (work is null)
        {
            work = new BlockingWork<TState>();
            work._core.RunContinuationsAsynchronously = true;
        }

        work._state = state;
        work._call = call;
        work.Hook = hook;
        return work;
    }

    /// <summary>Whether work items of this state type are pooled (not for a state type from a collectible context).</summary>
    internal static bool IsPooled => s_pooled;

    /// <summary>
    /// The pools, in a class of their own so that they exist only for state types that use them (its statics are made
    /// on first use, never for a collectible state type).
    /// </summary>
    private static class Pooled
    {
        private static readonly ConcurrentQueue<BlockingWork<TState>> Shared = new();

        // One spare per thread before the shared pool: a short call run on its caller's thread is rented and given back
        // there, and the shared queue's head and tail were written by every such thread on every call (5 % of the
        // samples of 16 loops of short calls on 2 cores, in ConcurrentQueue alone).
        [ThreadStatic]
        private static BlockingWork<TState>? t_spare;

        internal static BlockingWork<TState>? Take()
        {
            BlockingWork<TState>? work = t_spare;
            if (work is not null)
            {
                t_spare = null;
                return work;
            }

            return Shared.TryDequeue(out work) ? work : null;
        }

        internal static void Return(BlockingWork<TState> work)
        {
            if (t_spare is null)
            {
                t_spare = work;
            }
            else
            {
                Shared.Enqueue(work);
            }
        }
    }

    internal short Version => _core.Version;

    internal override object? StateObject => _state;

    internal override int Run(Operation operation)
    {
        long value = Call(_call!, ref _state, out int errno);
        _value = value;
        _errno = errno;
        return value < 0 && errno == Errno.EINTR && operation.IsCancellationRequested ? -Errno.ECANCELED : 0;
    }

    /// <summary>Runs <paramref name="call"/> and captures its errno (0 unless the value is negative).</summary>
    internal static long Call(BlockingCall<TState> call, ref TState state, out int errno)
    {
        // Clear, call, capture: nothing runs between the call's return and reading errno. LibraryImport and
        // DllImport(SetLastError) stubs store errno as the last P/Invoke error; otherwise read errno itself.
        // Marked while it runs: a Dispose of the ring from inside the body must not wait for the body (BlockingCallScope).
        BlockingCallScope.Enter();
        long value;
        try
        {
            Marshal.SetLastPInvokeError(0);
            Marshal.SetLastSystemError(0);
            value = call(ref state);
            errno = Marshal.GetLastPInvokeError();
            if (errno == 0)
            {
                errno = Marshal.GetLastSystemError();
            }
        }
        finally
        {
            BlockingCallScope.Exit();
        }

        if (value >= 0)
        {
            errno = 0;
        }

        return value;
    }

    internal override void Fail(Exception exception) => _exception = exception;

    internal override void Complete(Exception? error)
    {
        error ??= _exception;
        if (error is null)
        {
            _core.SetResult(new BlockingResult<TState>(_value, _errno, _state));
        }
        else
        {
            _core.SetException(error);
        }
    }

    /// <summary>Gives back a work item that was never handed to a worker (its start failed and the error went to the caller).</summary>
    internal void Discard()
    {
        _state = default!;
        _call = null;
        Hook = null;
        _exception = null;
    }

    /// <summary>
    /// A finished task for a call that ended without a slot with <paramref name="error"/> (a cancellation, or the ring's
    /// Dispose): the same value-task source the full path completes, so the awaiter sees the same status (Canceled for a
    /// cancellation) and the same exception.
    /// </summary>
    internal static System.Threading.Tasks.ValueTask<BlockingResult<TState>> Ended(TState state, BlockingCall<TState> call, Exception error)
    {
        BlockingWork<TState> work = Rent(state, call, null);
        short version = work.Version;
        work.Abandon(error);
        return new System.Threading.Tasks.ValueTask<BlockingResult<TState>>(work, version);
    }

    /// <summary>Fails a work item that could not be started (for example the ring was disposed).</summary>
    internal void Abandon(Exception error) => _core.SetException(error);

    BlockingResult<TState> IValueTaskSource<BlockingResult<TState>>.GetResult(short token)
    {
        if (token != _core.Version)
        {
            throw new InvalidOperationException("This operation's result was already taken: a ValueTask from IoRing may be awaited only once.");
        }

        if (_core.GetStatus(token) == ValueTaskSourceStatus.Pending)
        {
            // .Result while the call still runs (a misuse, ASYS1006): throw and change nothing. Pooling this work item
            // now would hand it to another call while a worker still runs this one, and this ValueTask could never be
            // awaited.
            throw new InvalidOperationException("This call has not finished: await the ValueTask instead of reading its result.");
        }

        try
        {
            return _core.GetResult(token);
        }
        finally
        {
            _core.Reset();
            _core.RunContinuationsAsynchronously = true;
            _state = default!;
            _call = null;
            Hook = null;
            _exception = null;
            if (s_pooled)
            {
                Pooled.Return(this);
            }
        }
    }

    ValueTaskSourceStatus IValueTaskSource<BlockingResult<TState>>.GetStatus(short token) => _core.GetStatus(token);

    void IValueTaskSource<BlockingResult<TState>>.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _core.OnCompleted(continuation, state, token, flags);
}
