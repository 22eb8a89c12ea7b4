using System;
using System.Threading;
using AsyncSys.Interop;
using AsyncSys.Operations;
using AsyncSys.Shared;

namespace AsyncSys.Backends.IoUring;

/// <summary>
/// Runs operations on io_uring. Any thread may submit: it writes SQEs under a lock and, only if the ring
/// thread is asleep, wakes it through an eventfd the ring keeps a read armed on. One long-lived ring
/// thread does every io_uring_enter (submitting everything queued since its last call, so concurrent
/// submitters share syscalls) and reaps every completion. Submitting from one long-lived thread matters:
/// the kernel cancels a task's requests when that task exits, and thread-pool threads do exit.
/// </summary>
internal sealed unsafe partial class IoUringBackend : IRingBackend
{
    private const ulong InternalFlag = 1UL << 63;
    private const ulong WakeUserData = InternalFlag | 1;
    private const ulong CancelUserData = InternalFlag | 2;
    private const ulong LinkTimeoutUserData = InternalFlag | 3;

    private readonly IoUringRing _ring;
    private readonly OperationTable _table;
    private readonly HotPathLock _sqLock = new();
    private readonly bool[] _native = new bool[RingOperations.Count];
    private readonly bool _canLinkTimeout;
    private readonly bool _bulkCancel;
    private readonly WakeEventFd _wake;
    private readonly bool _wakeIsFixedFile;
    private readonly ulong* _wakeBuffer;
    private readonly IoVec* _wakeIov;
    private readonly Thread _thread;
    private readonly int _ringThreadId;
    private readonly string _name;
    private int _ringNativeThreadId;
    private uint _sqTail;
    private int _sleeping;
    private int _wakePending;
    private bool _wakeArmed;
    private volatile bool _stopping;
    private int _fatalErrno;
    private readonly CompletionDelivery _delivery = null!; // set with the ring thread, before it starts
    private readonly RingSynchronizationContext _context = null!;
    private readonly bool _registerRingFd;
    private readonly ManualResetEventSlim _startup = new(false);
    private int _startupErrno;

    internal IoUringBackend(
        OperationTable table,
        uint submissionEntries,
        uint completionEntries,
        string name,
        bool inlineContinuations,
        RingOp[]? pretendMissing = null,
        bool pretendNoBulkCancel = false,
        IoUringKernelFeatures wantedFeatures = IoUringKernelFeatures.Default,
        ContinuationWatchdog? watchdog = null)
    {
        _table = table;
        _ring = IoUringRing.Create(submissionEntries, completionEntries, wantedFeatures);
        _registerRingFd = (wantedFeatures & IoUringKernelFeatures.RegisteredRingFd) != 0;
        bool threadStarted = false;
        try
        {
            if (!_ring.Supports(IoUringOp.Nop) || !_ring.Supports(IoUringOp.AsyncCancel) || !_ring.Supports(IoUringOp.ReadV))
            {
                throw new ErrnoException(Errno.EINVAL, "io_uring_register", "kernel lacks NOP/ASYNC_CANCEL/READV opcodes");
            }

            foreach (RingOpInfo info in RingOperations.All)
            {
                _native[RingOperations.IndexOf(info.Op)] = _ring.Supports((IoUringOp)info.IoUringOpcode);
            }

            foreach (RingOp missing in pretendMissing ?? Array.Empty<RingOp>())
            {
                _native[RingOperations.IndexOf(missing)] = false;
            }

            _canLinkTimeout = _ring.Supports(IoUringOp.LinkTimeout);
            _bulkCancel = !pretendNoBulkCancel && IoUringCancelProbe.BulkCancel;
            _wake = WakeEventFd.Create();

            // The ring reads its wake-ups through a registered file: the kernel then holds the eventfd itself, and
            // a stray close() of the number elsewhere can never make the ring read (consume) another file's data.
            _wakeIsFixedFile = _ring.RegisterFile(_wake.Fd);

            _wakeBuffer = (ulong*)System.Runtime.InteropServices.NativeMemory.AllocZeroed(8 + (nuint)sizeof(IoVec));
            _wakeIov = (IoVec*)(_wakeBuffer + 1);
            _wakeIov->Base = _wakeBuffer;
            _wakeIov->Length = 8;
            _name = name;
            _thread = new Thread(RunRingThread) { IsBackground = true, Name = name };
            _ringThreadId = _thread.ManagedThreadId;
            watchdog ??= new ContinuationWatchdog(name, null, null);
            _context = new RingSynchronizationContext(_ringThreadId, WakeIfSleeping, watchdog);
            _delivery = new CompletionDelivery(inlineContinuations, watchdog, boundedSleep: _ring.CanWaitWithTimeout, _context);
            StartThread(_thread, "ring");
            threadStarted = true;

            // The ring thread enables a single-issuer ring before anything can be submitted: wait for its answer,
            // so that a refusal is this constructor's error (and Auto's fallback), not every operation's.
            _startup.Wait();
            if (_startupErrno != 0)
            {
                throw new ErrnoException(_startupErrno, "io_uring_register", "IORING_REGISTER_ENABLE_RINGS from the ring thread");
            }
        }
        catch
        {
            // Every step rolls back (issue 16, item 4): nothing is left behind for a ring that never ran.
            if (threadStarted)
            {
                _thread!.Join(); // it returned right after reporting the refusal
            }

            _wake?.Close();
            System.Runtime.InteropServices.NativeMemory.Free(_wakeBuffer);
            _ring.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Starts a backend's completion thread. A thread that cannot start (thread or descriptor limits: .NET
    /// throws OutOfMemoryException) is reported as pthread_create's EAGAIN, which the Auto chain treats as
    /// a refusal and falls back from.
    /// </summary>
    internal static void StartThread(Thread thread, string role)
    {
        try
        {
            thread.UnsafeStart();
        }
        catch (Exception ex) when (ex is OutOfMemoryException or ThreadStartException)
        {
            throw new ErrnoException(Errno.EAGAIN, "pthread_create", $"the {role} thread could not start ({ex.GetType().Name}: {ex.Message})");
        }
    }

    public IoBackend Kind => IoBackend.IoUring;

    public int CompletionThreadId => _ringThreadId;

    /// <summary>The ring thread's synchronization context (IoRing.RunOnRingAsync).</summary>
    public RingSynchronizationContext? ContinuationContext => _context;

    /// <summary>The watchdog timing code on the ring thread (tests, diagnostics).</summary>
    internal ContinuationWatchdog Watchdog => _delivery.Watchdog;

    /// <summary>Whether a deadline can ride on the ring as a linked timeout (the kernel has IORING_OP_LINK_TIMEOUT).</summary>
    public bool CanLinkTimeout => _canLinkTimeout;

    /// <summary>
    /// Not for a splice or an openat: the kernel runs them on io-wq (a splice always, an openat that cannot be done
    /// without blocking, such as one with O_CREAT), where they can wait (an empty pipe, a FIFO with no writer), and a
    /// linked timeout never ended such a wait (a 100-200 ms deadline, still waiting 30 s later, on 6.18), while a cancel
    /// request does end it. Their deadline is a timer that sends that request (<see cref="DeadlineTimer"/>), as on a
    /// kernel without linked timeouts.
    /// </summary>
    public bool LinksTimeout(RingOp op) => _canLinkTimeout && op is not (RingOp.Splice or RingOp.OpenAt);

    /// <summary>The ring thread registers tokens, and only for operations that outlive a pass (see QueueRegistration).</summary>
    public bool DefersTokenRegistration => true;

    public int OperationScratchSize => sizeof(IoUringOperationScratch);

    /// <summary>The optional kernel features this ring uses (what the kernel accepted of what was asked for).</summary>
    internal IoUringKernelFeatures KernelFeatures => _ring.InUse;

    /// <summary>Opcodes the kernel reported, for diagnostics.</summary>
    internal bool KernelSupports(IoUringOp op) => _ring.Supports(op);

    public bool IsNative(RingOp op) => RingOperations.IsOperation(op) && _native[RingOperations.IndexOf(op)] && _fatalErrno == 0;

    /// <summary>Some requests have 32-bit length fields in the SQE; larger ones go to a worker.</summary>
    public bool Accepts(in RingRequest request) =>
        !RingOperations.Of(request.Op).Has(RingOpTraits.LengthIs32BitOnRing) || request.Length <= uint.MaxValue;

    public bool Submit(Operation operation)
    {
        if (Environment.CurrentManagedThreadId == _ringThreadId)
        {
            Stage(operation);
            return false;
        }

        bool link = operation.HasDeadline && LinksTimeout(operation.Request.Op);
        uint needed = link ? 2u : 1u;
        var spinner = default(SpinWait);
        int failed;
        while (true)
        {
            lock (_sqLock)
            {
                failed = _fatalErrno;
                if (failed != 0)
                {
                    break;
                }

                if (FreeSqes() >= needed)
                {
                    WriteOperation(operation, link);
                    break;
                }
            }

            // Full: wait for the ring thread to hand entries to the kernel, WITHOUT holding the lock it takes
            // between its io_uring_enter calls (holding it here deadlocked the ring, issue 16, item 2).
            MakeRoom(ref spinner);
        }

        if (failed != 0)
        {
            // The ring failed after this operation was found native (see Fail): nothing would ever submit its entry,
            // and the kernel never saw it, so it ends here with the ring's errno, like the others (outside the lock:
            // completing may resume its awaiter).
            operation.Complete(-failed);
            return false;
        }

        WakeIfSleeping();
        return true;
    }

    private void WriteOperation(Operation operation, bool link)
    {
        IoUringSqe* sqe = NextSqe();
        Prepare(sqe, operation);
        if (link)
        {
            // The op and its timeout must be adjacent on the ring: both are written under the same lock.
            sqe->Flags |= IoUringConstants.SqeIoLink;
            KernelTimespec* timespec = &operation.BackendScratch<IoUringOperationScratch>()->LinkTimeout;
            SetTimespec(timespec, operation.Request.TimeoutTicks);
            IoUringSqe* timeout = NextSqe();
            timeout->Opcode = (byte)IoUringOp.LinkTimeout;
            timeout->Fd = -1;
            timeout->Addr = (ulong)timespec;
            timeout->Len = 1;
            timeout->UserData = LinkTimeoutUserData;
        }

        PublishTail();
    }

    /// <summary>Gets the queue drained by the ring thread (never called on it: it stages instead): wakes it and backs off.</summary>
    private void MakeRoom(ref SpinWait spinner)
    {
        ForceWake();
        spinner.SpinOnce(); // yields, then sleeps: the ring thread needs the core on a small machine
    }

    public void Cancel(Operation operation, ulong id) => QueueCancel(new CancelRequest(id, -2));

    /// <summary>
    /// Writes a cancel entry, never waiting for space: a cancel can be requested from a callback that the
    /// ring thread itself waits on (it disposes the registration on completion), so waiting here could
    /// deadlock. When the submission queue is full the request waits in a list the ring thread drains.
    /// </summary>
    private void QueueCancel(CancelRequest request)
    {
        lock (_sqLock)
        {
            if (!_deferredCancels.IsEmpty || FreeSqes() == 0)
            {
                _deferredCancels.Enqueue(request);
            }
            else
            {
                WriteCancel(request);
                PublishTail();
            }
        }

        WakeIfSleeping();
    }

    private void WriteCancel(CancelRequest request)
    {
        IoUringSqe* sqe = NextSqe();
        sqe->Opcode = (byte)IoUringOp.AsyncCancel;
        if (request.Fd == -2)
        {
            sqe->Fd = -1;
            sqe->Addr = request.Id; // the kernel matches user_data exactly, generation included: a recycled slot is never hit
            sqe->UserData = InternalFlag | request.Id; // its answer names its target (IoUringBackend.CancelAnswers.cs)
        }
        else
        {
            sqe->UserData = BulkCancelUserData;
            sqe->Fd = request.Fd;
            sqe->OpFlags = IoUringConstants.AsyncCancelAll | (request.Fd >= 0 ? IoUringConstants.AsyncCancelFd : IoUringConstants.AsyncCancelAny);
        }
    }

    /// <summary>On the ring thread: moves cancel requests that found the queue full onto it.</summary>
    private void DrainDeferredCancels()
    {
        if (_deferredCancels.IsEmpty)
        {
            return;
        }

        lock (_sqLock)
        {
            while (FreeSqes() > 0 && _deferredCancels.TryDequeue(out CancelRequest request))
            {
                WriteCancel(request);
            }

            PublishTail();
        }
    }

    /// <summary>Whether cancel requests wait for the ring thread (it must not sleep before writing them).</summary>
    private bool HasQueuedCancels => !_deferredCancels.IsEmpty || Volatile.Read(ref _bulkCancelsPending) != 0;

    /// <summary>A cancel by id (Fd = -2), or a bulk cancel of everything on Fd (-1: everything).</summary>
    private readonly record struct CancelRequest(ulong Id, int Fd);

    private readonly System.Collections.Concurrent.ConcurrentQueue<CancelRequest> _deferredCancels = new();

    /// <summary>Whether the kernel took IORING_ASYNC_CANCEL_ALL at setup (<see cref="IoUringCancelProbe"/>) and the ring still works.</summary>
    public bool TryBeginCancelAll(int fd) => _bulkCancel && _fatalErrno == 0;

    /// <summary>
    /// Queues a bulk cancel for the ring thread to write. Bounded: requests for the same descriptor (or for all)
    /// that are still queued coalesce into one entry, because the entry the ring thread writes later cancels
    /// everything matching at that time, so 3 threads looping CancelAll take a handful of entries, not the queue.
    /// The caller never waits for ring space (issue 16, item 2).
    /// </summary>
    public void CancelAll(int fd)
    {
        lock (_bulkCancels)
        {
            _bulkCancels.Add(fd);
            Volatile.Write(ref _bulkCancelsPending, 1);
        }

        WakeIfSleeping();
    }

    // Descriptors (-1: all) with a bulk cancel requested and not yet written; guarded by its own lock.
    private readonly System.Collections.Generic.HashSet<int> _bulkCancels = new();
    private readonly System.Collections.Generic.List<int> _bulkCancelsTaken = new();
    private int _bulkCancelsPending;

    /// <summary>On the ring thread: writes one entry per descriptor with a bulk cancel queued.</summary>
    private void WriteBulkCancels()
    {
        if (Volatile.Read(ref _bulkCancelsPending) == 0)
        {
            return;
        }

        lock (_bulkCancels)
        {
            _bulkCancelsTaken.AddRange(_bulkCancels);
            _bulkCancels.Clear();
            Volatile.Write(ref _bulkCancelsPending, 0);
        }

        foreach (int fd in _bulkCancelsTaken)
        {
            lock (_sqLock)
            {
                if (!WaitForSpace(1)) // on the ring thread: submits what is queued rather than waiting
                {
                    break; // the ring failed: nothing it holds will be cancelled through it
                }

                WriteCancel(new CancelRequest(0, fd));
                PublishTail();
            }
        }

        _bulkCancelsTaken.Clear();
    }

    private IoUringSqe* NextSqe()
    {
        System.Diagnostics.Debug.Assert(HotPathLocks.IsHeld(_sqLock) && FreeSqes() > 0, "an SQE is taken under the queue lock, from free space");
        IoUringSqe* sqe = &_ring.Sqes[_sqTail & _ring.SqMask];
        *sqe = default;
        _sqTail++;
        return sqe;
    }

    private void PublishTail()
    {
        System.Diagnostics.Debug.Assert(HotPathLocks.IsHeld(_sqLock), "SQEs are written and published under the queue lock");
        System.Diagnostics.Debug.Assert(_sqTail - Volatile.Read(ref *_ring.SqHead) <= _ring.SqEntries, "never more entries published than the queue holds");

        // Release: the SQE contents are visible before the new tail. Pairs with the kernel's
        // smp_load_acquire(&rings->sq.tail) in io_sqring_entries().
        Volatile.Write(ref *_ring.SqTail, _sqTail);
    }

    private uint FreeSqes()
    {
        // Acquire: pairs with the kernel's smp_store_release(&rings->sq.head) in io_commit_sqring(), so a
        // slot the kernel has consumed is not overwritten before the kernel finished reading it.
        uint head = Volatile.Read(ref *_ring.SqHead);
        return _ring.SqEntries - (_sqTail - head);
    }

    /// <summary>
    /// Ring thread only, under the queue lock: makes room by submitting (the kernel consumes entries at once). False,
    /// with nothing written, when the ring has failed for good (also when this call's io_uring_enter is what failed:
    /// the ring loop then ends every operation, see <see cref="EndAfterFailure"/>).
    /// </summary>
    private bool WaitForSpace(uint needed)
    {
        System.Diagnostics.Debug.Assert(Environment.CurrentManagedThreadId == _ringThreadId, "only the ring thread may wait for space under the lock");
        while (FreeSqes() < needed)
        {
            if (_fatalErrno != 0)
            {
                return false;
            }

            int result = _ring.Enter(Volatile.Read(ref *_ring.SqTail) - Volatile.Read(ref *_ring.SqHead), 0, 0);
            if (result < 0 && result != -Errno.EINTR && result != -Errno.EAGAIN && result != -Errno.EBUSY)
            {
                _fatalErrno = -result; // the queue lock is held, as Fail would take it
                return false;
            }
        }

        return true;
    }

    private void WakeIfSleeping()
    {
        if (Environment.CurrentManagedThreadId == _ringThreadId)
        {
            _submittedOnRingThread = true; // a continuation running on the ring thread: awake by definition, and in a hurry
            return;
        }

        // Full fence: our tail store must be visible before we read _sleeping. Pairs with the fence the
        // ring thread puts between setting _sleeping and re-reading the tail (Dekker): one side sees the other.
        Interlocked.MemoryBarrier();
        if (Volatile.Read(ref _sleeping) == 1)
        {
            ForceWake();
        }
    }

    private void ForceWake()
    {
        if (Interlocked.Exchange(ref _wakePending, 1) == 0)
        {
            Interlocked.Increment(ref WakeSignals);
            if (!_wake.Signal())
            {
                WakeWithoutEventFd();
            }
        }
    }

    /// <summary>Eventfd writes made to wake the ring thread (diagnostics: the benchmark reports them per operation).</summary>
    internal long WakeSignals;

    /// <summary>
    /// The wake eventfd's number was closed by someone else and reused (a stray close() elsewhere): writing to it
    /// would corrupt that file. Report it once, then wake the ring thread with the worker-interrupt signal, which
    /// makes its io_uring_enter return EINTR (the ring keeps working, a little slower).
    /// </summary>
    private void WakeWithoutEventFd()
    {
        Volatile.Write(ref _wakePending, 0); // no eventfd completion will clear it
        if (Interlocked.Exchange(ref _wakeLostReported, 1) == 0 && Diagnostics.AsyncSysEventSource.Log.IsEnabled())
        {
            Diagnostics.AsyncSysEventSource.Log.WakeDescriptorLost(_name, _wake.Fd);
        }

        // Until the ring thread has seen the loss it may be asleep in io_uring_enter: interrupt it (EINTR). A
        // signal that lands just before it enters the kernel is absorbed, so repeat until it acknowledges;
        // this happens once in the ring's life.
        int tid = Volatile.Read(ref _ringNativeThreadId);
        for (int attempt = 0; tid != 0 && attempt < 1000 && Volatile.Read(ref _ringSawWakeLoss) == 0 && _thread.IsAlive; attempt++)
        {
            Workers.WorkerInterrupt.Send(tid);
            Thread.Sleep(1);
        }
    }

    private int _wakeLostReported;

    /// <summary>Whether the wake eventfd was found closed and reused by someone else (tests, diagnostics).</summary>
    internal bool WakeDescriptorLost => _wake.IsLost;

    /// <summary>Awaiters queued to the thread pool whose continuation has not finished (tests).</summary>
    internal int AwaitersOnPool => _delivery.AwaitersOnPool;

    /// <summary>The queue of awaiters resumed on the thread pool (tests).</summary>
    internal PoolDelivery PoolQueue => _delivery.Pool;

    /// <summary>The ring's own descriptor (tests).</summary>
    internal int RingDescriptor => _ring.Fd;

    /// <summary>The wake eventfd's number (tests).</summary>
    internal int WakeDescriptor => _wake.Fd;

    private static void SetTimespec(KernelTimespec* timespec, long ticks)
    {
        timespec->TvSec = ticks / TimeSpan.TicksPerSecond;
        timespec->TvNsec = (ticks % TimeSpan.TicksPerSecond) * 100;
    }
}
