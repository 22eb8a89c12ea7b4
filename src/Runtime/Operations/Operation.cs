using System;
using System.Buffers;
using System.Collections.Generic;
using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using System.Threading.Tasks.Sources;
using AsyncSys.Interop;
using AsyncSys.Shared;

namespace AsyncSys.Operations;

/// <summary>
/// One slot of the operation table, reused for operation after operation: it is the value-task source
/// the caller awaits, it owns the pins and handle references while the kernel may use them, and its id
/// (slot index + generation) is what the kernel carries in user_data.
/// </summary>
internal sealed unsafe partial class Operation : IValueTaskSource<int>, IValueTaskSource, IValueTaskSource<PollEvents>, IWorkerJob
{
    /// <summary>
    /// Native scratch bytes per slot. The first <see cref="BackendScratchSize"/> bytes belong to the backend running
    /// the operation, which lays them out itself (<see cref="BackendScratch{T}"/>); after them come the inline
    /// iovecs and short paths the operation copies from its request.
    /// </summary>
    internal const int ScratchSize = 576;

    /// <summary>The bytes of a slot's scratch area a backend may use (io_uring: two timespecs and a socklen; AIO: its iocb).</summary>
    internal const int BackendScratchSize = 64;
    private const int InlineIovOffset = BackendScratchSize;
    private const int InlineIovCount = 5;
    private const int InlinePathOffset = InlineIovOffset + (InlineIovCount * 16); // 16: sizeof(struct iovec)
    private const int InlinePathSize = ScratchSize - InlinePathOffset;

    private const int NoCancel = 0;
    internal const int CancelByCaller = 1;
    internal const int CancelByDispose = 2;
    internal const int CancelByDeadline = 3;
    internal const int CancelByRequest = 4;

    private readonly OperationTable _table;
    private ManualResetValueTaskSourceCore<int> _core;

    // Generation and cancel reason share one word so that a cancel aimed at an old generation can never
    // mark the slot's next occupant (compare-and-swap on both at once).
    private long _generationAndCancel;
    private int _phase;
    // The occupant id a cancel request was sent to the kernel for. An id, not a flag: a late cancel for an
    // earlier occupant can then never use up the next occupant's one cancel (issue 16, found by reading).
    private ulong _cancelSentFor;

    // The occupant id whose request fields (Fd, Request) are fully written, 0 while they are not: lets
    // CancelByFd/ByTag read a slot's identity and descriptor consistently (see TryReadIdentity).
    private ulong _preparedId;

    // The deadline timer of a worker or AIO operation; disposed as soon as the operation completes.
    private DeadlineTimer? _deadline;
    private int _submitted;
    private bool _returnRawErrors;
    private bool _inlineRing;
    private CancellationToken _token;
    private CancellationTokenRegistration _registration;

    // Resources held while the kernel (or a worker) may use them.
    private MemoryHandle _pin;
    private MemoryHandle[] _pins = Array.Empty<MemoryHandle>();
    private int _pinCount;
    private bool _handleReferenced;
    private bool _pathsAllocated;
    private bool _iovAllocated;

    internal Operation(OperationTable table, int index, byte* scratch)
    {
        _table = table;
        Index = index;
        Scratch = scratch;
    }

    /// <summary>The slot's position in the table.</summary>
    internal readonly int Index;

    /// <summary>This slot's native scratch area (<see cref="ScratchSize"/> bytes).</summary>
    internal readonly byte* Scratch;

    /// <summary>
    /// The backend's part of this slot's scratch area, as that backend's own layout <typeparamref name="T"/>. It lives
    /// as long as the slot, so the kernel may read and write it until the operation's completion has arrived.
    /// </summary>
    internal T* BackendScratch<T>()
        where T : unmanaged
    {
        Debug.Assert(sizeof(T) <= BackendScratchSize, "a backend's per-operation layout must fit its part of the scratch area");
        return (T*)Scratch;
    }

    /// <summary>The ring that owns the table.</summary>
    internal IoRing Ring => _table.Ring;

    /// <summary>The request being run.</summary>
    internal RingRequest Request;

    /// <summary>The pinned address of the request's single buffer (null when it has none).</summary>
    internal void* BufferPointer => _pin.Pointer;

    /// <summary>The descriptor resolved from the request's fd or SafeHandle.</summary>
    internal int Fd;

    /// <summary>NUL-terminated UTF-8 copies of the request's paths, or null.</summary>
    internal byte* Path;
    internal byte* Path2;

    /// <summary>The iovec array for vectored requests, or null.</summary>
    internal IoVec* Iov;
    internal int IovCount;

    /// <summary>When the operation was admitted (Stopwatch ticks).</summary>
    internal long StartTimestamp;

    /// <summary>The backend that ran (or runs) the operation.</summary>
    internal IoBackend RanOn;

    /// <summary>Set for offloaded user calls (<see cref="IoRing.RunBlockingAsync{TState}"/>).</summary>
    internal BlockingWork? Blocking;

    /// <summary>While a worker runs the operation: that worker's thread id. Guarded by <see cref="RunLock"/>.</summary>
    internal int WorkerThreadId;

    /// <summary>Serialises "the worker finished the call" with "a cancel hook interrupts the call".</summary>
    internal readonly object RunLock = new();

    internal int Generation => (int)(Volatile.Read(ref _generationAndCancel) >> 8);

    internal int CancelReason => (int)(Volatile.Read(ref _generationAndCancel) & 0xFF);

    internal bool IsCancellationRequested => CancelReason != NoCancel;

    /// <summary>The id carried in user_data: generation in the high 32 bits (top bit always clear), slot index in the low.</summary>
    internal ulong Id => MakeId(Generation, Index);

    internal static ulong MakeId(int generation, int index) => ((ulong)(uint)generation << 32) | (uint)index;

    internal OperationPhase Phase => (OperationPhase)Volatile.Read(ref _phase);

    internal short Version => _core.Version;

    internal bool HasDeadline => Request.TimeoutTicks > 0;

    /// <summary>Called by the table when the slot is rented: a new generation, no cancel, phase Queued.</summary>
    internal void OnRent()
    {
        int next = (Generation + 1) & 0x7FFFFFFF;
        Volatile.Write(ref _generationAndCancel, (long)next << 8);
        _submitted = 0;
        StartTimestamp = Stopwatch.GetTimestamp();
        Volatile.Write(ref _phase, (int)OperationPhase.Queued);
    }

    /// <summary>
    /// Takes the request: pins its buffers, references its handle and copies its paths to native memory.
    /// On failure everything taken so far is released and the exception propagates (the slot is still rented).
    /// </summary>
    internal void Prepare(in RingRequest request, bool returnRawErrors, bool inlineContinuations)
    {
        Request = request;
        _returnRawErrors = returnRawErrors;
        _inlineRing = inlineContinuations;
        try
        {
            Fd = request.Fd;
            if (request.Handle is { } handle)
            {
                bool added = false;
                handle.DangerousAddRef(ref added);
                _handleReferenced = added;
                Fd = (int)handle.DangerousGetHandle();
            }

            if (!request.Buffer.IsEmpty)
            {
                _pin = request.Buffer.Pin();
            }

            switch (request.Extra)
            {
                case IReadOnlyList<Memory<byte>> list:
                    BeginVector(list.Count);
                    for (int i = 0; i < list.Count; i++)
                    {
                        PinSegment(i, list[i]);
                    }

                    break;
                case IReadOnlyList<ReadOnlyMemory<byte>> list:
                    BeginVector(list.Count);
                    for (int i = 0; i < list.Count; i++)
                    {
                        PinSegment(i, MemoryMarshal.AsMemory(list[i]));
                    }

                    break;
            }

            if (request.Path is not null)
            {
                CopyPaths(request.Path, request.Path2);
            }

            // Release: Fd and Request are visible before the identity that vouches for them.
            Volatile.Write(ref _preparedId, Id);
        }
        catch
        {
            ReleaseResources();
            Request = default;
            throw;
        }
    }

    /// <summary>Registers the caller's token; must come before the operation is handed to a backend.</summary>
    internal void RegisterCancellation(CancellationToken token, bool deferToRingThread = false)
    {
        _token = token;
        if (token.CanBeCanceled && !deferToRingThread)
        {
            // Invariant: no registration when the token cannot cancel (no allocation, no callback).
            _registration = token.UnsafeRegister(static s => ((Operation)s!).OnTokenCancelled(), this);
        }
    }

    private void BeginVector(int count)
    {
        if (_pins.Length < count)
        {
            // Grows once per slot and is kept: steady-state vectored I/O does not allocate.
            _pins = new MemoryHandle[Math.Max(count, 8)];
        }

        if (count <= InlineIovCount)
        {
            Iov = (IoVec*)(Scratch + InlineIovOffset);
        }
        else
        {
            Iov = (IoVec*)NativeMemory.Alloc((nuint)count, (nuint)sizeof(IoVec));
            _iovAllocated = true;
        }

        IovCount = count;
    }

    private void PinSegment(int i, Memory<byte> segment)
    {
        _pins[i] = segment.Pin();
        _pinCount = i + 1;
        Iov[i].Base = _pins[i].Pointer;
        Iov[i].Length = (nuint)segment.Length;
    }

    private void CopyPaths(string path, string? path2)
    {
        int length1 = System.Text.Encoding.UTF8.GetByteCount(path) + 1;
        int length2 = path2 is null ? 0 : System.Text.Encoding.UTF8.GetByteCount(path2) + 1;
        byte* area;
        if (length1 + length2 <= InlinePathSize)
        {
            area = Scratch + InlinePathOffset;
        }
        else
        {
            area = (byte*)NativeMemory.Alloc((nuint)(length1 + length2));
            _pathsAllocated = true;
        }

        Path = area;
        int written = System.Text.Encoding.UTF8.GetBytes(path, new Span<byte>(area, length1 - 1));
        area[written] = 0;
        if (path2 is not null)
        {
            Path2 = area + length1;
            written = System.Text.Encoding.UTF8.GetBytes(path2, new Span<byte>(Path2, length2 - 1));
            Path2[written] = 0;
        }
    }

    /// <summary>Moves Queued → <paramref name="next"/>; false if the operation already completed.</summary>
    internal bool TryStart(OperationPhase next) =>
        Interlocked.CompareExchange(ref _phase, (int)next, (int)OperationPhase.Queued) == (int)OperationPhase.Queued;

    /// <summary>Records that the entry is on the ring; sends the cancel now if one was requested meanwhile.</summary>
    internal void MarkSubmitted(ulong id)
    {
        Interlocked.Exchange(ref _submitted, 1);
        if (IsCancellationRequested && Id == id && TryMarkCancelSent(id))
        {
            Ring.SendCancel(this, id);
        }
    }

    /// <summary>True the first time it is called for occupant <paramref name="id"/>: a cancel request goes to the kernel at most once per occupant.</summary>
    internal bool TryMarkCancelSent(ulong id)
    {
        ulong current = Volatile.Read(ref _cancelSentFor);
        while (current != id)
        {
            if (Id != id)
            {
                return false; // the slot moved on: this occupant is gone, and the next one keeps its own cancel
            }

            ulong seen = Interlocked.CompareExchange(ref _cancelSentFor, id, current);
            if (seen == current)
            {
                return true;
            }

            current = seen;
        }

        return false;
    }

    /// <summary>
    /// Reads the current occupant's id, descriptor and tag as one consistent set (a seqlock on the prepared id):
    /// false while the slot is between occupants or changed while we read. A recycled slot can otherwise pair
    /// one occupant's id with the previous occupant's descriptor (issue 16, item 8).
    /// </summary>
    internal bool TryReadIdentity(out ulong id, out int fd, out object? tag)
    {
        id = Volatile.Read(ref _preparedId);
        fd = Fd;
        tag = Request.TagValue;

        // Full fence: the reads above complete before the re-read below (acquire alone does not order them).
        Interlocked.MemoryBarrier();
        return id != 0 && Volatile.Read(ref _preparedId) == id && Id == id;
    }

    /// <summary>Attaches the deadline timer armed for this occupant; disposed when the operation completes.</summary>
    internal void AttachDeadline(DeadlineTimer deadline) => _deadline = deadline;

    private void DisposeDeadline() => Interlocked.Exchange(ref _deadline, null)?.Dispose();

    private void OnTokenCancelled() => RequestCancel(CancelByCaller, Id);

    /// <summary>
    /// Asks for this occupant (<paramref name="id"/>) to be cancelled. Harmless when the slot has moved on
    /// to another generation or the operation already completed.
    /// </summary>
    /// <returns>True if this call recorded the request (it was the first, for the right generation).</returns>
    internal bool RequestCancel(int reason, ulong id, bool sendToKernel = true)
    {
        int generation = (int)(id >> 32);
        long expected = (long)generation << 8;
        if (Interlocked.CompareExchange(ref _generationAndCancel, expected | (uint)reason, expected) != expected)
        {
            return false;
        }

        switch (Phase)
        {
            case OperationPhase.OnRing:
                // Only once the entry is on the ring: a cancel that overtook its target would find nothing.
                // MarkSubmitted covers the other order (Dekker on _submitted and the cancel word).
                if (sendToKernel && Volatile.Read(ref _submitted) == 1 && TryMarkCancelSent(id))
                {
                    Ring.SendCancel(this, id);
                }

                break;
            case OperationPhase.OnWorker:
                Ring.Workers.InterruptRunning(this, id);
                break;

            // Queued: whoever starts it (submitter or worker) sees the request and completes it as cancelled.
        }

        return true;
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
            Deliver(runContinuationInline: false);
        }
    }

    /// <summary>
    /// Finishes the operation without resuming its awaiter yet; the caller must call <see cref="Deliver"/>.
    /// Lets the ring thread resume a batch of awaiters with one thread-pool work item.
    /// </summary>
    /// <returns>False if the operation had already finished (nothing to deliver).</returns>
    internal bool TryFinish(int result) => TryFinish(result, null);

    /// <summary>Like <see cref="TryFinish(int)"/>, with the exception the awaiter gets instead of one made from <paramref name="result"/>.</summary>
    private bool TryFinish(int result, Exception? error)
    {
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

        // Writers of Fd and Request come after this (full fence): see TryReadIdentity.
        Interlocked.Exchange(ref _preparedId, 0);
        DisposeDeadline();

        // After Dispose returns no cancel callback is running or will run for this occupant.
        _registration.Dispose();
        _registration = default;
        _deferredRegistrationId = 0;
        RingOp op = Request.Op;
        ReleaseResources();

        _pendingError = error ?? Outcome(op, ref result);
        _pendingResult = result;
        _table.OnCompleted(this, result, _pendingError);
        return true;
    }

    private int _pendingResult;
    private Exception? _pendingError;

    /// <summary>Resumes the awaiter of an operation finished by <see cref="TryFinish(int)"/>.</summary>
    /// <param name="runContinuationInline">Run the continuation on this thread (a thread-pool batch, or an inline ring).</param>
    internal void Deliver(bool runContinuationInline)
    {
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

        _core.RunContinuationsAsynchronously = !runContinuationInline && !_inlineRing;
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
    /// Ends an operation that cannot run (no worker could be started, the workers stopped) with
    /// <paramref name="error"/>: its slot, pins and handle reference are released like any completion.
    /// </summary>
    internal void CompleteWithError(Exception error)
    {
        if (TryFinish(-Errno.ECANCELED, error))
        {
            Deliver(runContinuationInline: false);
        }
    }

    /// <summary>Completes an operation that never reached the kernel because it was cancelled first.</summary>
    internal void CompleteCancelledBeforeStart() => Complete(-Errno.ECANCELED);

    private Exception? Outcome(RingOp op, ref int result)
    {
        int reason = CancelReason;
        if (op == RingOp.Timeout && result == -Errno.ETIME)
        {
            result = 0; // the timer expired: that is its success
        }

        if (reason == CancelByDeadline && _returnRawErrors && (result == -Errno.ECANCELED || result == -Errno.EINTR))
        {
            result = -Errno.ETIME;
            return null;
        }

        if (reason != NoCancel)
        {
            if (result == -Errno.ECANCELED || result == -Errno.EINTR)
            {
                return CancelledException(reason);
            }

            if (result >= 0 && RingOperations.Has(op, RingOpTraits.CreatesDescriptor))
            {
                // The caller asked to stop; it never sees this descriptor, so it must not leak.
                Libc.close(result);
                return CancelledException(reason);
            }
        }
        else if (result == -Errno.ECANCELED && HasDeadline)
        {
            result = -Errno.ETIME;
            if (!_returnRawErrors)
            {
                return new ErrnoException(Errno.ETIME, SyscallName(op), $"deadline of {TimeSpan.FromTicks(Request.TimeoutTicks)} elapsed");
            }
        }
        else if (result == -Errno.ECANCELED)
        {
            // Nobody asked this occupant to stop, yet the kernel cancelled it: a bulk cancel-all request
            // that matched it after it was admitted (or the kernel tearing the ring down). Still a cancellation.
            return CancelledException(CancelByRequest);
        }

        if (result < 0 && !_returnRawErrors)
        {
            return new ErrnoException(-result, SyscallName(op), ErrorDetail());
        }

        return null;
    }

    private Exception CancelledException(int reason) =>
        reason == CancelByDeadline
            ? new ErrnoException(Errno.ETIME, SyscallName(Request.Op), $"deadline of {TimeSpan.FromTicks(Request.TimeoutTicks)} elapsed")
            : reason == CancelByDispose
            ? new ObjectDisposedException(nameof(IoRing), "The ring was disposed while the operation was in flight.")
            : reason == CancelByRequest
            ? new OperationCanceledException("The operation was cancelled by IoRing.CancelAll, CancelByFd or CancelByTag.")
            : new OperationCanceledException(_token.IsCancellationRequested ? "The operation was cancelled." : "The operation was cancelled by a cancel-all request.", _token);

    private string? ErrorDetail()
    {
        if (Request.Path is { } path)
        {
            return Request.Path2 is { } path2 ? $"'{path}' -> '{path2}'" : $"'{path}'";
        }

        return Fd >= 0 && RingOperations.Has(Request.Op, RingOpTraits.TakesDescriptor) ? "fd " + Fd.ToString(System.Globalization.CultureInfo.InvariantCulture) : null;
    }

    /// <summary>The syscall an operation stands for, as named in error messages.</summary>
    internal string SyscallName(RingOp op)
    {
        if (!RingOperations.IsOperation(op))
        {
            return "offloaded call"; // RunBlockingAsync: the caller's own code, which names its syscall itself
        }

        RingOpInfo info = RingOperations.Of(op);
        return info.Has(RingOpTraits.CarriesFileOffset) && Request.Offset < 0 ? info.SyscallAtFilePosition : info.Syscall;
    }

    private void ReleaseResources()
    {
        _pin.Dispose();
        _pin = default;
        for (int i = 0; i < _pinCount; i++)
        {
            _pins[i].Dispose();
            _pins[i] = default;
        }

        _pinCount = 0;
        if (_iovAllocated)
        {
            NativeMemory.Free(Iov);
            _iovAllocated = false;
        }

        Iov = null;
        IovCount = 0;
        if (_pathsAllocated)
        {
            NativeMemory.Free(Path);
            _pathsAllocated = false;
        }

        Path = null;
        Path2 = null;
        if (_handleReferenced)
        {
            Request.Handle!.DangerousRelease();
            _handleReferenced = false;
        }
    }

    /// <summary>Returns the slot to the table once the awaiter has taken the result.</summary>
    private void Recycle()
    {
        Request = default;
        Blocking = null;
        _token = default;
        _core.Reset();
        Volatile.Write(ref _phase, (int)OperationPhase.Free);
        _table.Return(this);
    }

    private void ThrowIfStale(short token)
    {
        if (token != _core.Version)
        {
            throw new InvalidOperationException("This operation's result was already taken: a ValueTask from IoRing may be awaited only once.");
        }
    }

    int IValueTaskSource<int>.GetResult(short token)
    {
        ThrowIfStale(token);
        try
        {
            return _core.GetResult(token);
        }
        finally
        {
            Recycle();
        }
    }

    void IValueTaskSource.GetResult(short token) => ((IValueTaskSource<int>)this).GetResult(token);

    PollEvents IValueTaskSource<PollEvents>.GetResult(short token) => (PollEvents)(uint)((IValueTaskSource<int>)this).GetResult(token);

    ValueTaskSourceStatus IValueTaskSource<int>.GetStatus(short token) => _core.GetStatus(token);

    ValueTaskSourceStatus IValueTaskSource.GetStatus(short token) => _core.GetStatus(token);

    ValueTaskSourceStatus IValueTaskSource<PollEvents>.GetStatus(short token) => _core.GetStatus(token);

    void IValueTaskSource<int>.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _core.OnCompleted(continuation, state, token, flags);

    void IValueTaskSource.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _core.OnCompleted(continuation, state, token, flags);

    void IValueTaskSource<PollEvents>.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _core.OnCompleted(continuation, state, token, flags);

    /// <summary>Runs on a blocking-call worker: the kernel has no opcode for the request, or it is a user call.</summary>
    void IWorkerJob.Execute(int workerThreadId)
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
            result = Blocking is { } work ? work.Run(this) : Backends.Workers.BlockingSyscalls.Run(this);
            if (result == Backends.Workers.BlockingSyscalls.Parked)
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
            // A user call threw: its awaiter gets the exception; the completion is never lost.
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

        Complete(result);
    }
}

internal sealed unsafe partial class Operation
{
    /// <summary>What a parked operation waits for: a descriptor (or -1), its events, and a due time (Stopwatch ticks, 0 for none).</summary>
    internal int ParkFd;
    internal PollEvents ParkEvents;
    internal long ParkDue;

    /// <summary>The readiness lane hands a parked operation (OnWorker) back to the worker queue (Queued).</summary>
    internal bool TryReturnToQueue() =>
        Interlocked.CompareExchange(ref _phase, (int)OperationPhase.Queued, (int)OperationPhase.OnWorker) == (int)OperationPhase.OnWorker;

    /// <summary>No worker will ever run this job: it completes with <paramref name="error"/>.</summary>
    void IWorkerJob.Reject(Exception error)
    {
        // Queued (never started) or parked: either way nobody else completes it.
        CompleteWithError(error);
    }

    /// <summary>Back to Free without completing: the operation was admitted but never started.</summary>
    internal void ResetUnused()
    {
        Interlocked.Exchange(ref _preparedId, 0);
        DisposeDeadline();
        _registration.Dispose();
        _registration = default;
        ReleaseResources();
        Request = default;
        Blocking = null;
        _token = default;
        Volatile.Write(ref _phase, (int)OperationPhase.Free);
    }
}

internal sealed partial class Operation
{
    /// <summary>Whether a cancellation callback is registered for the current occupant (tests check none is made for uncancellable tokens).</summary>
    internal bool HasCancellationRegistration => _registration.Token.CanBeCanceled;
}
