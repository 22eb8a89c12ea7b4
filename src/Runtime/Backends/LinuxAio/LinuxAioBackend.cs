using System;
using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using System.Threading;
using AsyncSys.Interop;
using AsyncSys.Operations;
using AsyncSys.Shared;

namespace AsyncSys.Backends.LinuxAio;

/// <summary>
/// Runs reads, writes, fsync and poll as Linux AIO requests (io_setup / io_submit / io_cancel / io_destroy).
/// </summary>
/// <remarks>
/// <para>Submission: any thread may call io_submit (an AIO context belongs to the process, not to the thread
/// that submits, so unlike io_uring nothing is lost when a thread-pool thread exits). Submitters queue their
/// iocb and whoever finds no io_submit running becomes the submitter for everything queued: concurrent
/// submitters share calls (flat combining).</para>
/// <para>Completion: one thread reaps io_events from the ring the kernel maps at the context address
/// (struct aio_ring), without a syscall while events are there, and waits in io_pgetevents when it is
/// empty. An IOCB_CMD_POLL on an eventfd is kept armed so Stop wakes it at once.</para>
/// <para>The retry model (seed 002): buffered reads and writes carry RWF_NOWAIT, so io_submit never blocks
/// on the page cache or the disk; when the kernel answers EAGAIN (or EOPNOTSUPP for NOWAIT), the same
/// operation moves to a blocking-call worker; a short read is a result and is returned as it is. O_DIRECT operations
/// (<see cref="DirectFileHandle"/>) go without NOWAIT: the kernel runs them asynchronously itself.</para>
/// </remarks>
internal sealed unsafe partial class LinuxAioBackend : IRingBackend
{
    private const ulong InternalFlag = 1UL << 63;
    private const ulong WakeData = InternalFlag | 1;
    private const int SubmitBatch = 64;
    private const int EventBatch = 128;

    // Per-slot submission state, tagged with the occupant's generation so that nothing done for one
    // occupant can touch the next: (generation << 8) | state.
    private const long StateQueued = 1;      // in _pending, not yet passed to io_submit
    private const long StateInKernel = 2;    // io_submit accepted it
    private const long StateCancelQueued = 3; // a cancel arrived before io_submit: the submitter sends it after
    private const long StateDone = 4;        // its completion was taken, or it left the ring

    private readonly OperationTable _table;
    private readonly ulong _context;
    private readonly AioRingHeader* _ring;
    private readonly IoEvent* _ringEvents;
    private readonly bool _userSpaceReaping;
    private readonly long[] _slotState;
    private readonly ConcurrentQueue<Operation> _pending = new();
    private readonly Operation?[] _batchOperations = new Operation?[SubmitBatch];

    // The ids of the batch, taken before io_submit: once the kernel has an iocb, the operation can complete,
    // be recycled and have its iocb rewritten by the next occupant before we look at it again.
    private readonly ulong[] _batchIds = new ulong[SubmitBatch];
    private readonly byte* _native;
    private readonly Iocb** _batchIocbs;
    private readonly Iocb* _wakeIocb;
    private readonly IoEvent* _events;
    private readonly KernelTimespec* _timeout;
    private readonly AioSigset* _sigset;
    private readonly WakeEventFd? _wake;
    private readonly bool _pollNative;
    private readonly bool[] _onRing = new bool[RingOperations.Count];
    private readonly CompletionDelivery _delivery;
    private readonly Thread _thread;
    private readonly int _completionThreadId;
    private readonly string _name;

    public int CompletionThreadId => _completionThreadId;

    /// <summary>None: code cannot be posted to the AIO completion thread (IoRing.RunOnRingAsync runs on the pool).</summary>
    public RingSynchronizationContext? ContinuationContext => null;
    private int _submitting;
    private volatile bool _stopping;
    private bool _wakeArmed;
    private bool _noPGetEvents;
    private int _fatalErrno;
    private long _workerRetries;

    internal LinuxAioBackend(OperationTable table, string name, bool inlineContinuations, ContinuationWatchdog? watchdog = null)
    {
        if (!Syscalls.IsSupportedPlatform)
        {
            throw new NotSupportedException("Linux AIO needs Linux on x86-64 or arm64");
        }

        _table = table;
        _delivery = new CompletionDelivery(inlineContinuations, watchdog ?? new ContinuationWatchdog(name, null, null), boundedSleep: true);
        _slotState = new long[table.Capacity];

        // Room for every table slot plus the wake poll, so io_submit never runs out of request slots
        // (the kernel doubles this for its per-CPU accounting).
        ulong context = 0;
        long result = Syscalls.Invoke(Syscalls.IoSetup, table.Capacity + 2, (long)&context);
        if (result < 0)
        {
            throw new ErrnoException((int)-result, "io_setup");
        }

        _context = context;
        try
        {
            // The context id is the user address of the completion ring. Reap it in user space only if it is
            // the layout we know: the magic matches and the kernel announces no incompatible feature.
            _ring = (AioRingHeader*)context;
            _userSpaceReaping = _ring->Magic == AioConstants.RingMagic
                && _ring->IncompatFeatures == AioConstants.RingIncompatFeatures
                && _ring->HeaderLength >= (uint)sizeof(AioRingHeader)
                && _ring->Nr > 0;
            _ringEvents = _userSpaceReaping ? (IoEvent*)((byte*)_ring + _ring->HeaderLength) : null;

            nuint size = (nuint)(sizeof(Iocb) + (SubmitBatch * sizeof(Iocb*)) + (EventBatch * sizeof(IoEvent)) + sizeof(KernelTimespec) + sizeof(AioSigset) + AioConstants.KernelSigsetSize);
            _native = (byte*)NativeMemory.AlignedAlloc(size, 64);
            NativeMemory.Clear(_native, size);
            _wakeIocb = (Iocb*)_native;
            _batchIocbs = (Iocb**)(_native + sizeof(Iocb));
            _events = (IoEvent*)((byte*)_batchIocbs + (SubmitBatch * sizeof(Iocb*)));
            _timeout = (KernelTimespec*)(_events + EventBatch);
            _sigset = (AioSigset*)(_timeout + 1);
            ulong* mask = (ulong*)(_sigset + 1);

            // While the completion thread waits, every signal is blocked (io_pgetevents installs this mask
            // and restores the old one atomically, like ppoll): process signals go to other threads and the
            // wait is never cut short into EINTR. SIGKILL and SIGSTOP cannot be blocked and the kernel drops them.
            *mask = ulong.MaxValue;
            _sigset->SigMask = mask;
            _sigset->SigSetSize = AioConstants.KernelSigsetSize;

            _wake = WakeEventFd.Create();

            // IOCB_CMD_POLL is 4.18+. Arming the wake is the probe: EINVAL means no poll on this kernel, so
            // Poll runs on workers and the completion thread wakes on a bounded timeout instead.
            int armed = ArmWake();
            if (armed < 0 && armed != -Errno.EINVAL)
            {
                throw new ErrnoException(-armed, "io_submit", "IOCB_CMD_POLL on an eventfd");
            }

            _pollNative = armed == 0;
            foreach (RingOpInfo info in RingOperations.All)
            {
                _onRing[RingOperations.IndexOf(info.Op)] = Preparations[RingOperations.IndexOf(info.Op)] != null && (info.Op != RingOp.Poll || _pollNative);
            }

            _name = name;
            _thread = new Thread(RunCompletionThread) { IsBackground = true, Name = name };
            _completionThreadId = _thread.ManagedThreadId;
            IoUring.IoUringBackend.StartThread(_thread, "AIO completion");
        }
        catch
        {
            // Every step rolls back (issue 16, item 4). io_destroy first: it retires the armed wake poll, then
            // the eventfd can go.
            Syscalls.Invoke(Syscalls.IoDestroy, (long)_context);
            _wake?.Close();
            if (_native != null)
            {
                NativeMemory.AlignedFree(_native);
            }

            throw;
        }
    }

    public IoBackend Kind => IoBackend.LinuxAio;

    /// <summary>Whether completions are taken from the mapped ring without a syscall (else io_pgetevents only).</summary>
    internal bool UserSpaceReaping => _userSpaceReaping;

    /// <summary>The queue of awaiters resumed on the thread pool (tests).</summary>
    internal PoolDelivery PoolQueue => _delivery.Pool;

    /// <summary>The wake eventfd's number (tests).</summary>
    internal int WakeDescriptor => _wake!.Fd;

    /// <summary>Whether IOCB_CMD_POLL works on this kernel.</summary>
    internal bool PollOnRing => _pollNative;

    /// <summary>How many operations the kernel gave back (EAGAIN, EOPNOTSUPP, EINVAL) and a worker then ran.</summary>
    internal long WorkerRetries => Interlocked.Read(ref _workerRetries);

    public bool IsNative(RingOp op) => _fatalErrno == 0 && RingOperations.IsOperation(op) && _onRing[RingOperations.IndexOf(op)];

    /// <summary>AIO reads and writes always name an offset: there is no "current file position" on the AIO ring.</summary>
    public bool Accepts(in RingRequest request) =>
        !RingOperations.Has(request.Op, RingOpTraits.CarriesFileOffset) || request.Offset >= 0;

    /// <summary>Deadlines are timers that request cancellation: AIO has no linked timeout.</summary>
    public bool CanLinkTimeout => false;

    public bool LinksTimeout(RingOp op) => false;

    /// <summary>Any thread may complete an AIO operation (a refused submit, a retry on a worker), so tokens are registered up front.</summary>
    public bool DefersTokenRegistration => false;

    /// <summary>Each operation's <c>struct iocb</c> lives in its scratch area: io_cancel finds a request by that address.</summary>
    public int OperationScratchSize => sizeof(Iocb);

    public void QueueRegistration(Operation operation, ulong id) =>
        throw new InvalidOperationException("Linux AIO registers tokens before the hand-off (DefersTokenRegistration is false).");

    public bool Submit(Operation operation)
    {
        Iocb* iocb = operation.BackendScratch<Iocb>();
        *iocb = default;
        iocb->Data = operation.Id;
        iocb->Fd = (uint)operation.Fd;
        Preparations[RingOperations.IndexOf(operation.Request.Op)](iocb, operation);
        Volatile.Write(ref _slotState[operation.Index], Pack(iocb->Data, StateQueued));
        _pending.Enqueue(operation);
        SubmitQueued();
        return true; // queued iocbs are this backend's: AIO's cancel finds a queued one (see Cancel)
    }

    private static long Pack(ulong id, long state) => ((long)(id >> 32) << 8) | state;

    /// <summary>Become the submitter if nobody is, and submit everything queued; otherwise the current submitter takes ours.</summary>
    private void SubmitQueued()
    {
        while (true)
        {
            if (Interlocked.CompareExchange(ref _submitting, 1, 0) != 0)
            {
                // The submitter re-checks the queue after it lets go (below), so our entry is not stranded.
                return;
            }

            try
            {
                while (DrainBatch())
                {
                }
            }
            finally
            {
                // Full fence: the release must be visible before we look at the queue again. Pairs with the
                // enqueue-then-CAS of a submitter that found us busy (one of us sees the other).
                Interlocked.Exchange(ref _submitting, 0);
            }

            if (_pending.IsEmpty)
            {
                return;
            }
        }
    }

    /// <summary>Submits up to <see cref="SubmitBatch"/> queued iocbs; false when the queue was empty.</summary>
    private bool DrainBatch()
    {
        int count = 0;
        while (count < SubmitBatch && _pending.TryDequeue(out Operation? operation))
        {
            _batchOperations[count] = operation;
            _batchIocbs[count] = operation.BackendScratch<Iocb>();
            _batchIds[count] = _batchIocbs[count]->Data;
            count++;
        }

        if (count == 0)
        {
            return false;
        }

        int done = 0;
        while (done < count)
        {
            // io_submit returns how many it took from the front; if it takes none, the first one's -errno.
            long result = Syscalls.Invoke(Syscalls.IoSubmit, (long)_context, count - done, (long)(_batchIocbs + done));
            if (result > 0)
            {
                for (int i = done; i < done + (int)result; i++)
                {
                    OnAccepted(i);
                }

                done += (int)result;
            }
            else if (result != -Errno.EINTR)
            {
                OnRefused(done, result == 0 ? Errno.EAGAIN : (int)-result);
                done++;
            }
        }

        Array.Clear(_batchOperations, 0, count);
        return true;
    }

    /// <summary>The kernel took the iocb; send a cancel that arrived while it waited in the queue.</summary>
    private void OnAccepted(int index)
    {
        Operation operation = _batchOperations[index]!;
        ulong id = _batchIds[index]; // not the iocb's aio_data: see _batchIds
        ref long state = ref _slotState[operation.Index];

        // The operation may already have completed (and its slot moved on): the generation in the state
        // makes both exchanges fail then, and nothing is sent.
        long previous = Interlocked.CompareExchange(ref state, Pack(id, StateInKernel), Pack(id, StateQueued));
        if (previous == Pack(id, StateCancelQueued)
            && Interlocked.CompareExchange(ref state, Pack(id, StateInKernel), previous) == previous)
        {
            IssueCancel(operation, id);
        }
    }

    /// <summary>io_submit refused the iocb at <paramref name="index"/>: nothing reached the kernel for it.</summary>
    private void OnRefused(int index, int errno)
    {
        Operation operation = _batchOperations[index]!;
        Volatile.Write(ref _slotState[operation.Index], Pack(_batchIds[index], StateDone));

        // EAGAIN: NOWAIT would block, or the context is out of request slots. EOPNOTSUPP: the file does not
        // do NOWAIT. EINVAL: this file (or filesystem) has no AIO for the command, e.g. IOCB_CMD_FSYNC or
        // IOCB_CMD_POLL. In each case the blocking call is what the caller asked for: a worker runs it and
        // gives the authoritative result (the same errno the workers backend would give).
        if (errno is Errno.EAGAIN or Errno.EOPNOTSUPP or Errno.EINVAL)
        {
            RetryOnWorker(operation);
            return;
        }

        // Complete resumes the awaiter on the thread pool, never inline: we may be inside the caller's own
        // submit, or holding the submitter role.
        operation.Complete(-errno);
    }

    private void RetryOnWorker(Operation operation)
    {
        if (operation.TryRequeueOnWorker())
        {
            Interlocked.Increment(ref _workerRetries);
        }
    }

    /// <summary>
    /// Cancellation on AIO. IOCB_CMD_POLL is cancelled with io_cancel (its event then arrives with an empty
    /// mask). Reads, writes and fsync cannot be cancelled by AIO: the request is recorded and the await ends
    /// with the kernel's own completion, which for these is never long (NOWAIT, or a device I/O).
    /// </summary>
    public void Cancel(Operation operation, ulong id)
    {
        ref long state = ref _slotState[operation.Index];
        while (true)
        {
            long current = Volatile.Read(ref state);
            if ((current >> 8) != (long)(id >> 32))
            {
                return; // another occupant's state: this cancel is late
            }

            switch (current & 0xFF)
            {
                case StateQueued:
                    if (Interlocked.CompareExchange(ref state, Pack(id, StateCancelQueued), current) == current)
                    {
                        return; // OnAccepted sends it once io_submit has taken the iocb
                    }

                    continue;
                case StateInKernel:
                    IssueCancel(operation, id);
                    return;
                default:
                    return;
            }
        }
    }

    private void IssueCancel(Operation operation, ulong id)
    {
        // Under the slot's run lock, which the completion thread takes to mark the poll done before finishing
        // it: while we hold it and the state still says InKernel for this generation, the operation cannot
        // be finished and recycled, so io_cancel (which matches the iocb address, not the id) can only hit
        // this occupant, never the next one.
        lock (operation.RunLock)
        {
            if (Volatile.Read(ref _slotState[operation.Index]) != Pack(id, StateInKernel) || operation.Request.Op != RingOp.Poll)
            {
                return;
            }

            IoEvent ignored;

            // -EINPROGRESS: the event will come through the ring. -EINVAL: it already completed. Either way
            // the operation ends with its own event.
            Syscalls.Invoke(Syscalls.IoCancel, (long)_context, (long)operation.BackendScratch<Iocb>(), (long)&ignored);
        }
    }

    // Linux AIO has no bulk cancel: IoRing cancels each matching operation on its own.
    public bool TryBeginCancelAll(int fd) => false;

    public void CancelAll(int fd) => throw new NotSupportedException("Linux AIO cancels one iocb at a time.");

    /// <summary>Submits the eventfd poll that wakes the completion thread; 0 or -errno.</summary>
    private int ArmWake()
    {
        if (!_wake!.IsIntact())
        {
            // A stray close() elsewhere gave our number to another file: polling it would wake us for their data.
            // The completion thread's wait is bounded, so it carries on without a wake poll.
            _wakeArmed = false;
            return 0;
        }

        *_wakeIocb = default;
        _wakeIocb->Data = WakeData;
        _wakeIocb->Opcode = AioConstants.CmdPoll;
        _wakeIocb->Fd = (uint)_wake.Fd;
        _wakeIocb->Buf = (ulong)PollEvents.In;
        Iocb* one = _wakeIocb;
        long result = Syscalls.Invoke(Syscalls.IoSubmit, (long)_context, 1, (long)&one);
        _wakeArmed = result == 1;
        return result == 1 ? 0 : (int)result;
    }
}
