using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys.Backends;
using AsyncSys.Backends.Workers;
using AsyncSys.Operations;
using AsyncSys.Shared;

namespace AsyncSys;

/// <summary>
/// A kernel ring for asynchronous syscalls: operations go on io_uring (or Linux AIO) when the kernel has a
/// native opcode for them, and run on a bounded pool of blocking-call workers otherwise.
/// </summary>
/// <remarks>
/// <para>Every operation completes exactly once: with its result, an <see cref="ErrnoException"/>, an
/// <see cref="OperationCanceledException"/> or an <see cref="ObjectDisposedException"/>. Its buffers stay
/// pinned, and its <see cref="System.Runtime.InteropServices.SafeHandle"/> referenced, until the kernel's own
/// completion for it has arrived, also after cancellation. Await each returned task exactly once.</para>
/// <para>Cancellation is a request to the kernel: the await ends when the kernel has answered. If the
/// operation had already been done, its result is returned (bytes read are in your buffer) — except for
/// operations that create a descriptor (<see cref="OpenAtAsync"/>, accept), whose descriptor is closed and
/// which then throw <see cref="OperationCanceledException"/>, so nothing leaks.</para>
/// <para>Thread-safe: any number of threads may submit at once; their submissions share io_uring_enter calls.</para>
/// </remarks>
public sealed partial class IoRing : IDisposable, IAsyncDisposable
{
    /// <summary>AT_FDCWD: resolve relative paths against the current directory.</summary>
    public const int AtCurrentDirectory = -100;

    private static readonly SharedRingCell SharedRing = new(static () => CreateSet(new IoRingOptions { Name = "AsyncSys.Shared", Rings = SharedRingCount(Environment.ProcessorCount) }));

    private readonly IoRingOptions _options;
    private int _disposeState;

    private IoRing(IoRingOptions options, bool reportsMetrics)
    {
        _first = this;
        _options = options.Validate();
        Table = new OperationTable(this, _options.Capacity);
        Workers = new WorkerPool(_options.MaxWorkerThreads, _options.Name);
        try
        {
            RingBackend = BackendSelector.Select(_options, Table, out string description);
            _completionThreadId = RingBackend.CompletionThreadId;
            if (RingBackend.ContinuationContext is { } context)
            {
                context.Owner = this;
            }
            _backendDescription = description;
            if (RingBackend.OperationScratchSize > Operation.BackendScratchSize)
            {
                throw new InvalidOperationException($"The {description} backend needs {RingBackend.OperationScratchSize} scratch bytes per operation; a slot has {Operation.BackendScratchSize}.");
            }

            if (reportsMetrics)
            {
                Diagnostics.RingMetrics.Register(this);
            }

            if (reportsMetrics && Diagnostics.AsyncSysEventSource.Log.IsEnabled())
            {
                Diagnostics.AsyncSysEventSource.Log.RingCreated(_options.Name, description);
            }
        }
        catch
        {
            // Nothing has been admitted yet: the backend (if one was made) stops and frees at once.
            Diagnostics.RingMetrics.Unregister(this);
            if (RingBackend is not null)
            {
                RingBackend.Stop(TimeSpan.FromSeconds(5));
                RingBackend.Dispose();
            }

            Workers.Dispose();
            Table.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The process-wide ring, created on first use with default <see cref="IoRingOptions"/>; it lives as long as the
    /// process and ignores <see cref="Dispose"/>. On machines with several cores it is a set of rings behind this one
    /// object (one per two processors): each submitting thread uses the ring of the processor it runs on, so
    /// submitters on different cores share no lock; <see cref="GetInFlightOperations"/>, <see cref="InFlightCount"/>,
    /// <see cref="Capacity"/>, <see cref="QuiesceAsync"/> and the cancel methods cover the whole set.
    /// </summary>
    /// <exception cref="InvalidOperationException">The ring could not be created (the inner exception says why, for example EMFILE); the next use tries again.</exception>
    public static IoRing Shared => SharedRing.Value;

    /// <summary>Creates a ring.</summary>
    /// <param name="options">Settings; null for the defaults.</param>
    /// <returns>The ring; dispose it when done.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A setting in <paramref name="options"/> is out of range (the message names it).</exception>
    /// <exception cref="ErrnoException">An explicitly requested backend was refused by the kernel, or the ring's resources could not be created (EMFILE, ENOMEM).</exception>
    public static IoRing Create(IoRingOptions? options = null) => CreateSet(options ?? new IoRingOptions());

    /// <summary>The backend running this ring's operations.</summary>
    public IoBackend Backend => RingBackend.Kind;

    /// <summary>Which backend runs and why the ones before it were refused, for logs (for example "io_uring").</summary>
    public string BackendDescription => _members is null ? _backendDescription : $"{_backendDescription}; {_members.Length} rings";

    private readonly string _backendDescription;

    /// <summary>How many operations may be in flight at once.</summary>
    public int Capacity => Table.Capacity * MemberCount;

    /// <summary>How many operations are in flight now (admitted and not yet completed).</summary>
    public int InFlightCount => SetInFlightCount;

    /// <summary>Operations that <see cref="Dispose"/> gave up waiting for; empty unless the kernel never answered.</summary>
    public IReadOnlyList<InFlightOperation> Abandoned { get; private set; } = Array.Empty<InFlightOperation>();

    internal OperationTable Table { get; }

    internal IRingBackend RingBackend { get; }

    internal WorkerPool Workers { get; }

    internal IoRingOptions Options => _options;

    /// <summary>Whether <paramref name="op"/> goes on the kernel ring on this machine (false: it runs on a worker).</summary>
    /// <param name="op">The operation.</param>
    /// <returns>True when the kernel runs it on the ring.</returns>
    public bool IsNative(RingOp op) => RingBackend.IsNative(op);

    /// <summary>
    /// Submits <paramref name="request"/> and completes with the kernel's non-negative result.
    /// </summary>
    /// <param name="request">The operation.</param>
    /// <param name="cancellationToken">Requests cancellation; the await still ends only when the kernel has answered.</param>
    /// <returns>The syscall's result: bytes transferred, a new descriptor, ready poll events, or 0.</returns>
    /// <exception cref="ArgumentException"><paramref name="request"/> is <c>default(RingRequest)</c>; or it works on a <see cref="DirectFileHandle"/> and its buffer, offset or length is not aligned (the parameter named is the factory's).</exception>
    /// <exception cref="ErrnoException">The kernel reported an error (ETIME when a deadline passed).</exception>
    /// <exception cref="OperationCanceledException">The operation was cancelled before it was done.</exception>
    /// <exception cref="ObjectDisposedException">The ring is disposed, or was disposed while the operation was in flight; or the request's handle was closed before submission.</exception>
    /// <exception cref="IoRingQuiescedException">The ring is quiesced and <see cref="IoRingOptions.WhileQuiesced"/> is <see cref="QuiescedSubmissions.FailFast"/>.</exception>
    public ValueTask<int> SubmitAsync(in RingRequest request, CancellationToken cancellationToken = default) =>
        Submit(request, returnRawErrors: false, cancellationToken);

    /// <summary>
    /// Like <see cref="SubmitAsync"/>, but a failed syscall completes with its negative errno instead of throwing
    /// (cancellation and disposal still throw). For hot paths that expect EAGAIN and the like.
    /// </summary>
    /// <param name="request">The operation.</param>
    /// <param name="cancellationToken">Requests cancellation.</param>
    /// <returns>The syscall's result, or its negative errno.</returns>
    /// <exception cref="ArgumentException"><paramref name="request"/> is <c>default(RingRequest)</c>; or it works on a <see cref="DirectFileHandle"/> and is not aligned.</exception>
    /// <exception cref="OperationCanceledException">The operation was cancelled before it was done.</exception>
    /// <exception cref="ObjectDisposedException">The ring is disposed, or was disposed while the operation was in flight.</exception>
    /// <exception cref="IoRingQuiescedException">The ring is quiesced and <see cref="IoRingOptions.WhileQuiesced"/> is <see cref="QuiescedSubmissions.FailFast"/>.</exception>
    public ValueTask<int> SubmitRawAsync(in RingRequest request, CancellationToken cancellationToken = default) =>
        Submit(request, returnRawErrors: true, cancellationToken);

    private ValueTask<int> Submit(in RingRequest request, bool returnRawErrors, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled<int>(cancellationToken);
        }

        IoRing target = Target;
        if (target.TryCompleteWithoutSlot(request, out bool attempted, out int result, out int standingError))
        {
            return new ValueTask<int>(result);
        }

        Operation? operation = target.TryStart(request, returnRawErrors, cancellationToken, attempted, standingError);
        return operation is null
            ? target.SubmitWhenSlotFreeAsync(request, returnRawErrors, cancellationToken, attempted, standingError)
            : new ValueTask<int>(operation, operation.Version);
    }

    private ValueTask SubmitVoid(in RingRequest request, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled(cancellationToken);
        }

        IoRing target = Target;
        Operation? operation = target.TryStart(request, returnRawErrors: false, cancellationToken);
        return operation is null
            ? new ValueTask(target.SubmitWhenSlotFreeAsync(request, false, cancellationToken).AsTask())
            : new ValueTask(operation, operation.Version);
    }

    /// <summary>Admits and starts the request if a slot is free right now; null when the table is full.</summary>
    /// <remarks>
    /// When <c>attemptedNow</c> is set, the attempt without a slot already consulted the descriptor: no second attempt.
    /// A non-zero <c>standingError</c> is the errno that attempt got and that is the call's answer (a socket's pending
    /// error, given once): the operation completes with it instead of going to the ring.
    /// </remarks>
    private Operation? TryStart(in RingRequest request, bool returnRawErrors, CancellationToken cancellationToken, bool attemptedNow = false, int standingError = 0)
    {
        ValidateRequest(request);
        if (OnCompletionThread)
        {
            // No lease: the native memory is freed only once this very thread has ended (Dispose joins it first, and
            // leaves the memory alone when it cannot), so it cannot go under a call the thread makes itself. Loops on
            // the ring's context and inline continuations submit from here: two interlocked steps fewer per operation.
            ThrowIfDisposed();
            return TryRentAndStart(request, returnRawErrors, cancellationToken, attemptedNow, standingError, onCompletionThread: true);
        }

        using CallLease lease = EnterCall();
        return TryRentAndStart(request, returnRawErrors, cancellationToken, attemptedNow, standingError, onCompletionThread: false);
    }

    private Operation? TryRentAndStart(in RingRequest request, bool returnRawErrors, CancellationToken cancellationToken, bool attemptedNow, int standingError, bool onCompletionThread)
    {
        if (!Table.TryRent(out Operation operation, onCompletionThread))
        {
            ThrowIfDisposed();
            ThrowIfQuiescedAndFailingFast();
            return null;
        }

        Start(operation, request, returnRawErrors, cancellationToken, attemptedNow, standingError);
        return operation;
    }

    // The backend's completion thread (0: none), cached: read on every submission.
    private readonly int _completionThreadId;

    /// <summary>Whether the caller is this ring's own completion thread (a continuation or context work it runs).</summary>
    private bool OnCompletionThread => Environment.CurrentManagedThreadId == _completionThreadId;

    private async ValueTask<int> SubmitWhenSlotFreeAsync(RingRequest request, bool returnRawErrors, CancellationToken cancellationToken, bool attemptedNow = false, int standingError = 0)
    {
        // Backpressure: the table is full, so wait for a slot. Allocates, but only when the ring is saturated.
        Operation operation;
        try
        {
            operation = await Table.RentAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (standingError != 0)
        {
            // The attempt without a slot already took the call's answer from the kernel, a socket error it gives once:
            // a cancel that comes later does not undo it, as for a ring operation the kernel had finished. Reported as
            // an admitted operation would (never admitted, it is not counted in the metrics).
            return returnRawErrors ? -standingError : throw Operation.ErrorWithoutSlot(request, standingError);
        }

        StartAdmitted(operation, request, returnRawErrors, cancellationToken, attemptedNow, standingError);
        return await new ValueTask<int>(operation, operation.Version).ConfigureAwait(false);
    }

    /// <summary>Starts an operation admitted while its caller waited for a slot (no lease was held across the wait).</summary>
    private void StartAdmitted(Operation operation, in RingRequest request, bool returnRawErrors, CancellationToken cancellationToken, bool attemptedNow, int standingError = 0)
    {
        if (!TryEnterCall())
        {
            // Disposal finished while the slot was handed over: nothing can run it any more.
            Table.Unadmit(operation);
            throw new ObjectDisposedException(nameof(IoRing), "The ring was disposed while the operation waited for a slot.");
        }

        try
        {
            Start(operation, request, returnRawErrors, cancellationToken, attemptedNow, standingError);
        }
        finally
        {
            ExitCall();
        }
    }

    /// <summary>
    /// Takes the request into an admitted slot and hands it to the ring or a worker. Called under a lease. Every
    /// failure before the hand-off goes through one rollback (the slot, pins, handle reference, token
    /// registration and deadline timer are all given back) and propagates to the caller.
    /// </summary>
    private void Start(Operation operation, in RingRequest request, bool returnRawErrors, CancellationToken cancellationToken, bool attemptedNow, int standingError = 0)
    {
        bool native;
        bool deferRegistration;
        try
        {
            operation.Prepare(request, returnRawErrors, _options.InlineContinuations, RingBackend.ContinuationContext);
            if (request.Handle is DirectFileHandle direct)
            {
                direct.ValidateTransfer(operation); // after pinning: the address checked is the one the kernel gets
            }
        }
        catch
        {
            Table.Unadmit(operation);
            throw;
        }

        // The attempt without a slot got the call's answer, an error the kernel gives only once: it is reported here.
        if (standingError != 0)
        {
            CompleteWithAttemptAnswer(operation, -standingError, yieldTurn: false);
            return;
        }

        // Try first, then ring: a page-cache hit or a ready socket completes here, before any registration.
        if (!attemptedNow && TryCompleteNow(operation, cancellationToken))
        {
            return;
        }

        try
        {
            // A transfer of zero bytes goes to the workers, which answer it at once: the io_uring kernel waits for
            // readiness even for zero bytes on a FIFO or socket (and a zero-length recv on a stream socket waits for
            // one byte in the kernel), so a read of nothing on an idle FIFO would never end (hostile round 6).
            native = RingBackend.IsNative(request.Op) && RingBackend.Accepts(request) && !operation.IsZeroLengthTransfer;
            deferRegistration = native && RingBackend.DefersTokenRegistration && cancellationToken.CanBeCanceled;
            operation.RegisterCancellation(cancellationToken, deferRegistration);
            if (request.TimeoutTicks > 0 && !(native && RingBackend.LinksTimeout(request.Op)))
            {
                DeadlineTimer.Arm(operation);
            }

            if (!native && !operation.IsCancellationRequested)
            {
                operation.RanOn = IoBackend.Workers;
                OnOperationAdmitted(operation);
                if (Workers.Dispatch(operation) is { } handoffError)
                {
                    throw handoffError; // not handed off (no worker could start, or disposed): rolled back below
                }

                // Handed off: from here a worker (or the readiness lane) owns it.
                return;
            }
        }
        catch
        {
            Table.Unadmit(operation);
            throw;
        }

        // Where it runs is known before it counts as admitted, so the in-flight listing never shows it without one.
        operation.RanOn = RingBackend.Kind;
        OnOperationAdmitted(operation);
        if (operation.IsCancellationRequested)
        {
            operation.CompleteCancelledBeforeStart();
            return;
        }

        ulong id = operation.Id;
        if (operation.TryStart(OperationPhase.OnRing))
        {
            ImmediateAttempts.WentToRing();
            if (RingBackend.Submit(operation))
            {
                operation.MarkSubmitted(id);
                if (deferRegistration)
                {
                    // A token already cancelled by now is seen when the completion thread registers it (the
                    // callback then runs at once).
                    RingBackend.QueueRegistration(operation, id);
                }
            }
        }
    }

    private static void ValidateRequest(in RingRequest request)
    {
        if (!RingOperations.IsOperation(request.Op))
        {
            throw new ArgumentException(RingRequest.EmptyRequestMessage, nameof(request));
        }
    }

    private void ThrowIfQuiescedAndFailingFast()
    {
        if (_options.WhileQuiesced == QuiescedSubmissions.FailFast && Table.IsGateClosed)
        {
            throw new IoRingQuiescedException();
        }
    }

    private void ThrowIfDisposed()
    {
        if (Volatile.Read(ref _disposeState) != 0)
        {
            throw new ObjectDisposedException(nameof(IoRing), "The ring is disposed; it admits no more operations.");
        }
    }

    /// <summary>Called when an operation has been admitted (metrics hook).</summary>
    partial void OnOperationAdmittedCore(Operation operation);

    private void OnOperationAdmitted(Operation operation) => OnOperationAdmittedCore(operation);

    /// <summary>Called exactly once per operation, on the completing thread, before its awaiter resumes.</summary>
    internal void OnOperationCompleted(Operation operation, int result, Exception? error)
    {
        if (operation.Blocking is not null)
        {
            _shortCalls?.Observe(operation);
        }

        OnOperationCompletedCore(operation, result, error);
        OnOperationCompletedForQuiesce();
        SignalIfDrained();
    }

    partial void OnOperationCompletedCore(Operation operation, int result, Exception? error);

    /// <summary>The in-flight count reached zero without a completion (a rollback): wake a waiting Dispose or quiesce.</summary>
    internal void OnInFlightDrained()
    {
        OnOperationCompletedForQuiesce();
        SignalIfDrained();
    }

    partial void OnOperationCompletedForQuiesce();

    /// <summary>A snapshot of what is in flight right now.</summary>
    internal List<InFlightOperation> SnapshotInFlight()
    {
        var list = new List<InFlightOperation>();
        long now = Stopwatch.GetTimestamp();
        DateTimeOffset wallNow = DateTimeOffset.UtcNow;
        Table.ForEachInFlight(list, (operation, items) =>
        {
            // Only an admitted occupant whose request is filled in, read as one consistent set: a slot just rented
            // (its request still the default, Auto, or the fields half written), or one trying its call on the caller
            // (not admitted: docs/quiesce.md), has no backend yet and is not listed (hostile round 8).
            ulong id = operation.Id;
            if (!operation.IsPreparedAs(id))
            {
                return;
            }

            RingRequest request = operation.Request;
            OperationPhase phase = operation.Phase;
            long started = operation.StartTimestamp;
            int fd = operation.Fd;
            bool blocking = operation.Blocking is not null;
            IoBackend ranOn = operation.RanOn;
            Interlocked.MemoryBarrier(); // the reads above complete before the checks below
            if (!operation.IsPreparedAs(id) || operation.Id != id || ranOn == IoBackend.Auto || phase is OperationPhase.Free or OperationPhase.Completed)
            {
                return; // not admitted yet, or it moved on while we looked
            }

            // An operation admitted after `now` was taken (while the walk ran) is listed with age 0, never a negative one.
            TimeSpan age = Stopwatch.GetElapsedTime(started, now);
            if (age < TimeSpan.Zero)
            {
                age = TimeSpan.Zero;
            }

            InFlightState state = operation.IsCancellationRequested ? InFlightState.Cancelling : phase switch
            {
                OperationPhase.OnRing => InFlightState.OnRing,
                OperationPhase.OnWorker => InFlightState.OnWorker,
                _ => InFlightState.Queued,
            };
            long length = request.Buffer.Length > 0 ? request.Buffer.Length : request.Length;
            items.Add(new InFlightOperation(
                (long)id,
                blocking ? RingOp.None : request.Op,
                fd,
                RingOperations.Has(request.Op, RingOpTraits.CarriesFileOffset) ? request.Offset : -1,
                length,
                wallNow - age,
                age,
                state,
                ranOn,
                request.Tag));
        });
        Volatile.Read(ref _shortCalls)?.AddRunning(list, now, wallNow);
        return list;
    }
}
