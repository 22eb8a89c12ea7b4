using System;
using System.Threading;
using AsyncSys.Interop;
using AsyncSys.Operations;

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
    private readonly object _sqLock = new();
    private readonly bool[] _native = new bool[(int)RingOp.Timeout + 1];
    private readonly bool _canLinkTimeout;
    private readonly int _eventFd;
    private readonly ulong* _wakeBuffer;
    private readonly IoVec* _wakeIov;
    private readonly Thread _thread;
    private readonly int _ringThreadId;
    private uint _sqTail;
    private int _sleeping;
    private int _wakePending;
    private bool _wakeArmed;
    private volatile bool _stopping;
    private int _fatalErrno;
    private readonly CompletionDelivery _delivery;

    internal IoUringBackend(OperationTable table, uint submissionEntries, uint completionEntries, string name, bool inlineContinuations, RingOp[]? pretendMissing = null)
    {
        _table = table;
        _delivery = new CompletionDelivery(inlineContinuations);
        _ring = IoUringRing.Create(submissionEntries, completionEntries);
        _eventFd = -1;
        try
        {
            if (!_ring.Supports(IoUringOp.Nop) || !_ring.Supports(IoUringOp.AsyncCancel) || !_ring.Supports(IoUringOp.ReadV))
            {
                throw new ErrnoException(Errno.EINVAL, "io_uring_register", "kernel lacks NOP/ASYNC_CANCEL/READV opcodes");
            }

            for (RingOp op = RingOp.Nop; op <= RingOp.Timeout; op++)
            {
                _native[(int)op] = OpcodeFor(op) is { } opcode && _ring.Supports(opcode);
            }

            foreach (RingOp missing in pretendMissing ?? Array.Empty<RingOp>())
            {
                _native[(int)missing] = false;
            }

            _canLinkTimeout = _ring.Supports(IoUringOp.LinkTimeout);
            _eventFd = Libc.eventfd(0, Libc.EFD_CLOEXEC | Libc.EFD_NONBLOCK);
            if (_eventFd < 0)
            {
                throw new ErrnoException(System.Runtime.InteropServices.Marshal.GetLastPInvokeError(), "eventfd");
            }

            _wakeBuffer = (ulong*)System.Runtime.InteropServices.NativeMemory.AllocZeroed(8 + (nuint)sizeof(IoVec));
            _wakeIov = (IoVec*)(_wakeBuffer + 1);
            _wakeIov->Base = _wakeBuffer;
            _wakeIov->Length = 8;
            _thread = new Thread(RunRingThread) { IsBackground = true, Name = name };
            _ringThreadId = _thread.ManagedThreadId;
            StartThread(_thread, "ring");
        }
        catch
        {
            // Every step rolls back (issue 16, item 4): nothing is left behind for a ring that never ran.
            if (_eventFd >= 0)
            {
                Libc.close(_eventFd);
            }

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

    public bool IsCompletionThread => Environment.CurrentManagedThreadId == _ringThreadId;

    /// <summary>Whether a deadline can ride on the ring as a linked timeout.</summary>
    internal bool CanLinkTimeout => _canLinkTimeout;

    /// <summary>Opcodes the kernel reported, for diagnostics.</summary>
    internal bool KernelSupports(IoUringOp op) => _ring.Supports(op);

    public bool IsNative(RingOp op) => (uint)op < (uint)_native.Length && _native[(int)op] && _fatalErrno == 0;

    /// <summary>Some requests have 32-bit length fields on the ring; larger ones go to a worker.</summary>
    internal static bool FitsOnRing(in RingRequest request) => request.Op switch
    {
        RingOp.SyncFileRange or RingOp.Fadvise => request.Length <= uint.MaxValue,
        _ => true,
    };

    public void Submit(Operation operation)
    {
        bool link = operation.HasDeadline && _canLinkTimeout;
        lock (_sqLock)
        {
            WaitForSpace(link ? 2u : 1u);
            IoUringSqe* sqe = NextSqe();
            Prepare(sqe, operation);
            if (link)
            {
                // The op and its timeout must be adjacent on the ring: both are written under the same lock.
                sqe->Flags |= IoUringConstants.SqeIoLink;
                KernelTimespec* timespec = (KernelTimespec*)(operation.Scratch + Operation.LinkTimespecOffset);
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

        WakeIfSleeping();
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
        sqe->UserData = CancelUserData;
        if (request.Fd == -2)
        {
            sqe->Fd = -1;
            sqe->Addr = request.Id; // the kernel matches user_data exactly, generation included: a recycled slot is never hit
        }
        else
        {
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

    /// <summary>A cancel by id (Fd = -2), or a bulk cancel of everything on Fd (-1: everything).</summary>
    private readonly record struct CancelRequest(ulong Id, int Fd);

    private readonly System.Collections.Concurrent.ConcurrentQueue<CancelRequest> _deferredCancels = new();

    // IORING_ASYNC_CANCEL_ALL / _FD / _ANY arrived in 5.19; earlier kernels read cancel_flags as reserved.
    private static readonly bool KernelHasBulkCancel = Environment.OSVersion.Version >= new Version(5, 19);

    public bool TryBeginCancelAll(int fd) => KernelHasBulkCancel && _fatalErrno == 0;

    public void CancelAll(int fd) => QueueCancel(new CancelRequest(0, fd));

    private IoUringSqe* NextSqe()
    {
        IoUringSqe* sqe = &_ring.Sqes[_sqTail & _ring.SqMask];
        *sqe = default;
        _sqTail++;
        return sqe;
    }

    private void PublishTail()
    {
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

    private void WaitForSpace(uint needed)
    {
        // The SQ is sized for 3 entries per table slot, so this only spins if the ring thread is far behind.
        var spinner = new SpinWait();
        while (FreeSqes() < needed)
        {
            if (Thread.CurrentThread == _thread)
            {
                // Inline continuation on the ring thread: nobody else will submit, so do it here.
                _ring.Enter(Volatile.Read(ref *_ring.SqTail) - Volatile.Read(ref *_ring.SqHead), 0, 0);
                continue;
            }

            ForceWake();
            spinner.SpinOnce();
        }
    }

    private void WakeIfSleeping()
    {
        if (Environment.CurrentManagedThreadId == _ringThreadId)
        {
            return; // submitted by a continuation running on the ring thread: it is awake by definition
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
            ulong one = 1;
            Libc.write(_eventFd, &one, 8);
        }
    }

    private static void SetTimespec(KernelTimespec* timespec, long ticks)
    {
        timespec->TvSec = ticks / TimeSpan.TicksPerSecond;
        timespec->TvNsec = (ticks % TimeSpan.TicksPerSecond) * 100;
    }
}
