using System;
using System.Buffers;
using System.Threading;
using System.Threading.Tasks.Sources;
using AsyncSys.Interop;

namespace AsyncSys.Operations;

/// <summary>
/// One slot of the operation table, reused for operation after operation: it is the value-task source
/// the caller awaits, it owns the pins and handle references while the kernel may use them, and its id
/// (slot index + generation) is what the kernel carries in user_data.
/// </summary>
/// <remarks>
/// This file holds everything a slot stores; the other Operation.*.cs files hold what it does, one concern each:
/// taking a request (Pinning), phase changes (Lifecycle), cancellation (Cancellation, DeferredRegistration), the
/// awaiter's result (Outcome, and one file per value-task source), running on a worker (WorkerJob, Requeue) and
/// the non-blocking attempt (Immediate).
/// </remarks>
internal sealed unsafe partial class Operation : IRunningCall
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

    // ---- Identity and phase -------------------------------------------------------------------------------

    /// <summary>The slot's position in the table.</summary>
    internal readonly int Index;

    /// <summary>This slot's native scratch area (<see cref="ScratchSize"/> bytes).</summary>
    internal readonly byte* Scratch;

    private readonly OperationTable _table;

    // Generation and cancel reason share one word so that a cancel aimed at an old generation can never
    // mark the slot's next occupant (compare-and-swap on both at once): (generation << 8) | CancelReason.
    private long _generationAndCancel;

    // An OperationPhase, as an int so it can be compare-and-swapped.
    private int _phase;

    // ---- The request and what was taken from it (Operation.Pinning.cs) --------------------------------------

    /// <summary>The request being run.</summary>
    internal RingRequest Request;

    /// <summary>The descriptor resolved from the request's fd or SafeHandle.</summary>
    internal int Fd;

    /// <summary>NUL-terminated UTF-8 copies of the request's paths, or null.</summary>
    internal byte* Path;

    /// <summary>The second path (renameat's new name), or null.</summary>
    internal byte* Path2;

    /// <summary>The iovec array for vectored requests, or null.</summary>
    internal IoVec* Iov;

    /// <summary>How many entries <see cref="Iov"/> has.</summary>
    internal int IovCount;

    // The occupant id whose request fields (Fd, Request) are fully written, 0 while they are not: lets
    // CancelByFd/ByTag read a slot's identity and descriptor consistently (see TryReadIdentity).
    private ulong _preparedId;

    // Resources held while the kernel (or a worker) may use them.
    private MemoryHandle _pin;
    private MemoryHandle[] _pins = Array.Empty<MemoryHandle>();
    private int _pinCount;
    private bool _handleReferenced;
    private bool _pathsAllocated;
    private bool _iovAllocated;

    // ---- Cancellation (Operation.Cancellation.cs, Operation.DeferredRegistration.cs) -------------------------

    private CancellationToken _token;
    private CancellationTokenRegistration _registration;

    // 1 once the entry is on the ring: a cancel request sent before that would find nothing to cancel.
    private int _submitted;

    // The occupant id a cancel request was sent to the kernel for. An id, not a flag: a late cancel for an
    // earlier occupant can then never use up the next occupant's one cancel (issue 16, found by reading).
    private ulong _cancelSentFor;

    // The deadline timer of a worker or AIO operation; disposed as soon as the operation completes.
    private DeadlineTimer? _deadline;

    // The occupant id whose token still awaits registration on the completion thread (0: none). Written by the
    // submitter after the entry is on the ring, read and cleared by the completion thread.
    private ulong _deferredRegistrationId;

    // 1 while this slot is on the completion thread's pending-registration stack (a slot is never on it twice).
    private int _queuedForRegistration;

    /// <summary>Next slot on the pending-registration stack.</summary>
    internal Operation? NextPendingRegistration;

    // ---- The result on its way to the awaiter (Operation.Lifecycle.cs, Operation.Outcome.cs) -----------------

    private ManualResetValueTaskSourceCore<int> _core;
    private bool _returnRawErrors;
    private bool _inlineRing;

    // The ring's context when the operation was submitted from code running on it (RunOnRingAsync): its result is
    // then always set on the ring thread, so an awaiter on that context can resume inline there (no post, no race).
    private RingSynchronizationContext? _boundContext;

    // Set on the ring thread when the awaiter registered from the ring's context: resume inline on the ring thread.
    private bool _continuationOnRing;
    private int _pendingResult;
    private Exception? _pendingError;

    // ---- Where it runs (Operation.WorkerJob.cs) -----------------------------------------------------------

    /// <summary>
    /// When the operation was admitted, in Stopwatch ticks. Read from the coarse clock (<see cref="AdmissionClock"/>),
    /// so up to one tick of that clock (a few ms) early, unless something needs it exact: the duration metric when it is listened
    /// to, a blocking call (its run time decides where its call site runs next).
    /// </summary>
    internal long StartTimestamp;

    /// <summary>
    /// When an offloaded call started running (Stopwatch ticks; 0 until then). Its run time, not its wait for a worker,
    /// tells whether the call is short (<see cref="ShortBlockingCalls"/>).
    /// </summary>
    internal long CallStartTimestamp;

    /// <summary>How long the offloaded call ran (Stopwatch ticks), set when it returns.</summary>
    internal long CallTicks;

    /// <summary>The backend that ran (or runs) the operation.</summary>
    internal IoBackend RanOn;

    /// <summary>Set for offloaded user calls (<see cref="IoRing.RunBlockingAsync{TState}"/>).</summary>
    internal BlockingWork? Blocking;

    /// <summary>While a worker runs the operation: that worker's thread id. Guarded by <see cref="RunLock"/>.</summary>
    internal int WorkerThreadId;

    /// <summary>Serialises "the worker finished the call" with "a cancel hook interrupts the call".</summary>
    internal readonly object RunLock = new();

    object IRunningCall.RunLock => RunLock;

    bool IRunningCall.IsRunning(ulong id, int nativeThreadId) => Id == id && WorkerThreadId == nativeThreadId;

    /// <summary>
    /// A duplicate of <see cref="Fd"/> held while the operation waits for readiness on the workers (-1: none), so that it
    /// keeps using the file it was started on if its number is closed and reused meanwhile; closed when it completes.
    /// </summary>
    internal int HeldFd = -1;

    /// <summary>The descriptor to call with: the held duplicate once there is one, else <see cref="Fd"/> (which listings and CancelByFd keep using).</summary>
    internal int IoFd => HeldFd >= 0 ? HeldFd : Fd;

    /// <summary>Whether the file cannot go away under the operation: its SafeHandle is referenced, or a duplicate is held.</summary>
    internal bool HoldsItsFile => _handleReferenced || HeldFd >= 0;

    /// <summary>The descriptor a parked operation waits on, or -1 (a timer).</summary>
    internal int ParkFd;

    /// <summary>The events a parked operation waits for on <see cref="ParkFd"/>.</summary>
    internal PollEvents ParkEvents;

    /// <summary>When a parked operation's wait ends (Stopwatch ticks, 0: no due time).</summary>
    internal long ParkDue;

    internal Operation(OperationTable table, int index, byte* scratch)
    {
        _table = table;
        Index = index;
        Scratch = scratch;
    }

    /// <summary>The ring that owns the table.</summary>
    internal IoRing Ring => _table.Ring;

    /// <summary>The current occupant's generation (bumped each time the slot is rented).</summary>
    internal int Generation => (int)(Volatile.Read(ref _generationAndCancel) >> 8);

    /// <summary>Who asked the current occupant to stop (<see cref="CancelReason.None"/>: nobody).</summary>
    internal CancelReason CancelReason => (CancelReason)(Volatile.Read(ref _generationAndCancel) & 0xFF);

    internal bool IsCancellationRequested => CancelReason != CancelReason.None;

    /// <summary>The id carried in user_data: generation in the high 32 bits (top bit always clear), slot index in the low.</summary>
    internal ulong Id => MakeId(Generation, Index);

    internal static ulong MakeId(int generation, int index) => ((ulong)(uint)generation << 32) | (uint)index;

    internal OperationPhase Phase => (OperationPhase)Volatile.Read(ref _phase);

    internal short Version => _core.Version;

    internal bool HasDeadline => Request.TimeoutTicks > 0;
}
