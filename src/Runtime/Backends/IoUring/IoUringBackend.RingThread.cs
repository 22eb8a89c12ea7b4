using System;
using System.Threading;
using AsyncSys.Interop;
using AsyncSys.Operations;

namespace AsyncSys.Backends.IoUring;

/// <summary>The ring thread: the only caller of io_uring_enter, and the only reader of the completion queue.</summary>
internal sealed unsafe partial class IoUringBackend
{
    private void RunRingThread()
    {
        Volatile.Write(ref _ringNativeThreadId, Libc.gettid());
        _self = Thread.CurrentThread;
        _selfName = _self.Name!;
        if (!TakeOwnership())
        {
            return; // the constructor reports the refusal; nothing was submitted
        }

        try
        {
            RunRingLoop();
            if (_fatalErrno != 0)
            {
                EndAfterFailure();
            }

            _ring.UnregisterRingFd();
            _context.Close();
            _delivery.Close();
        }
        catch (Exception ex)
        {
            // Invariant 7: a ring thread that breaks fails fast with context. Carrying on would leave every
            // operation on this ring waiting forever for completions nobody reaps.
            Environment.FailFast(
                $"AsyncSys: the io_uring ring thread of '{_name}' failed (in flight: {_table.InFlightCount}, stopping: {_stopping}, " +
                $"sq head/tail: {Volatile.Read(ref *_ring.SqHead)}/{_sqTail}, cq head/tail: {*_ring.CqHead}/{Volatile.Read(ref *_ring.CqTail)}): {ex}",
                ex);
        }
    }

    /// <summary>
    /// The ring thread's first step, before anything is submitted: enables a single-issuer ring (this thread becomes
    /// its issuer, the only one allowed to submit and, with deferred task work, to reap) and registers the ring's
    /// descriptor with this thread. Tells the constructor how it went; false when the kernel refused to enable.
    /// </summary>
    private bool TakeOwnership()
    {
        int errno = 0;
        if (_ring.StartsDisabled)
        {
            int result = _ring.Enable();
            errno = result < 0 ? -result : 0;
        }

        if (errno == 0 && _registerRingFd)
        {
            _ring.RegisterRingFd(); // refused (before 5.18): the plain descriptor stays in use
        }

        _startupErrno = errno;
        _startup.Set();
        return errno == 0;
    }

    private void RunRingLoop()
    {
        ArmWake();
        while (RunPass())
        {
        }
    }

    /// <summary>
    /// One pass of the ring thread: writes what is held, submits, sleeps if there is nothing to do, reaps, runs what was
    /// posted to the ring's context. False when the loop ends (stopped with nothing in flight, or failed for good).
    /// </summary>
    /// <remarks>A method of its own rather than the body of an endless loop, so that it is compiled like any other hot
    /// method (the loop's method is entered once, and only ever reaches optimised code through on-stack replacement).</remarks>
    private bool RunPass()
    {
        if (_wake.IsLost)
        {
            Volatile.Write(ref _ringSawWakeLoss, 1); // from here on this thread never sleeps in the kernel
        }

        if (Volatile.Read(ref _injectedFatalErrno) is int injected && injected != 0)
        {
            Fail(injected);
            return false;
        }

        WriteStaged(); // first: the cancels below may target them
        DrainDeferredCancels();
        SendDueCancels();
        WriteBulkCancels();
        if (_fatalErrno != 0)
        {
            return false; // making room for those entries, io_uring_enter failed for good (WaitForSpace)
        }

        // Operations queued for token registration so far. Taken BEFORE reading the tail: each was queued
        // after its entry was published, so this pass's io_uring_enter submits all of them, and only the
        // ones still in flight after the reap below pay for a registration.
        Operation? registrations = Interlocked.Exchange(ref _pendingRegistrations, null);

        // SqTail: our own submitters' release-stores (PublishTail), read with acquire so their SQEs are
        // visible. SqHead: acquire, pairing with the kernel's smp_store_release in io_commit_sqring().
        uint pending = Volatile.Read(ref *_ring.SqTail) - Volatile.Read(ref *_ring.SqHead);
        uint flags = 0;
        uint wait = 0;
        bool pollWhenIdle = false;
        bool waitBriefly = false;
        if (!WorkReady() && registrations is null && !HasQueuedCancels)
        {
            if (_stopping && !_wakeArmed && _table.InFlightCount == 0)
            {
                return false;
            }

            if (_deliveredSinceSleep && !_stopping)
            {
                _deliveredSinceSleep = false;
                if (SpinForWork())
                {
                    return true;
                }
            }

            // Entries to submit: hand them to the kernel first without offering to sleep. Many complete during the
            // call (a Nop, a socket with data) and their awaiters submit again at once; asked to wait in the same
            // call, this thread would be marked asleep meanwhile, and every submitter in that window paid an eventfd
            // write to wake it (one per 40 awaited Nops at 64 in flight on a quiet machine). When nothing completes,
            // the next pass sleeps, at the cost of a second call.
            bool submitFirst = pending > 0 && !_stopping && !_submittedWithoutWaiting;
            _submittedWithoutWaiting = submitFirst;
            if (!submitFirst)
            {
                if (_stopping && _table.InFlightCount == 0)
                {
                    // Everything has completed: retire the armed wake read, then leave once its CQE is in.
                    CancelWake();
                    if (_fatalErrno != 0)
                    {
                        return false;
                    }

                    pending = Volatile.Read(ref *_ring.SqTail) - Volatile.Read(ref *_ring.SqHead);
                }

                // Before it may sleep: what ring-context and inline code changed on this thread (UserCodeThread).
                UserCodeThread.Reset(_self!, _selfName!);
                Volatile.Write(ref _sleeping, 1);

                // Full fence, then re-read the tail: pairs with the submitters' fence in WakeIfSleeping.
                Interlocked.MemoryBarrier();
                pending = Volatile.Read(ref *_ring.SqTail) - Volatile.Read(ref *_ring.SqHead);

                // A token queued for registration after our last pass must be registered before we sleep:
                // its submitter saw us awake (same Dekker pairing as the tail), so nobody else will wake us.
                if (!WorkReady() && Volatile.Read(ref _pendingRegistrations) is null && !HasQueuedCancels)
                {
                    if (_wake.IsLost)
                    {
                        // Nobody can wake us through the eventfd any more (see WakeWithoutEventFd): poll instead.
                        Volatile.Write(ref _ringSawWakeLoss, 1);
                        pollWhenIdle = true;
                    }
                    else if (HasCancelWorkWaiting)
                    {
                        // A cancel waits to be sent again some turns from now (IoUringBackend.CancelAnswers.cs): on an idle
                        // ring no completion may ever come to end a sleep, so this turn ends after the same short poll.
                        pollWhenIdle = true;
                    }
                    else
                    {
                        flags = IoUringConstants.EnterGetEvents;
                        wait = 1;

                        // Awaiters wait for a pool thread: look at them again soon (PoolDelivery), even if nothing completes.
                        waitBriefly = _delivery.HasWaitingOnPool;
                    }
                }
            }
        }
        else
        {
            _submittedWithoutWaiting = false; // work came in: the next idle pass may submit first again
        }

        // sq.flags: the kernel sets IORING_SQ_CQ_OVERFLOW and IORING_SQ_TASKRUN with atomic_or; a plain acquire
        // read is enough, a stale value only delays the flush by one loop.
        uint sqFlags = Volatile.Read(ref *_ring.SqFlags);
        if ((sqFlags & IoUringConstants.SqCqOverflow) != 0)
        {
            // Completions overflowed into the kernel's backlog (NODROP): GETEVENTS flushes them to the ring.
            flags |= IoUringConstants.EnterGetEvents;
        }

        if ((sqFlags & IoUringConstants.SqTaskRun) != 0 || (pending > 0 && _ring.DefersTaskRun))
        {
            // Completion work waits for this thread to enter the kernel (cooperative or deferred task work):
            // GETEVENTS runs it and posts its completions; on a submission it comes at no extra syscall.
            flags |= IoUringConstants.EnterGetEvents;
        }

        if (pollWhenIdle && _ring.CanWaitWithTimeout)
        {
            // No wake descriptor, or a cancel waits for a later turn: poll, but inside the kernel, so a completion ends
            // the wait at once.
            _submittedOnRingThread = false;
            EnterCalls++;
            if (!Entered(_ring.WaitWithTimeout(pending, 1, LostWakePollTicks)))
            {
                return false;
            }

            pollWhenIdle = false;
        }
        else if (pending > 0 || flags != 0)
        {
            uint toSubmit = pending > StorageRequestsPerEnter ? EntriesForOneEnter(pending) : pending; // the limit in force (StorageGroups)
            if (toSubmit < pending)
            {
                wait = 0; // the rest goes in the next call, before this thread may sleep
            }

            _submittedOnRingThread = false;
            EnterCalls++;
            Sleeps += wait;
            int entered = waitBriefly && wait != 0
                ? _ring.WaitWithTimeout(toSubmit, wait, PoolDelivery.LagCheck.Ticks)
                : _ring.Enter(toSubmit, wait, flags);
            if (!Entered(entered))
            {
                return false;
            }
        }

        Volatile.Write(ref _sleeping, 0);
        Reap();
        if (_fatalErrno != 0)
        {
            return false; // an io_uring_enter made while reaping failed for good (Entered failed every operation)
        }

        _context.RunPosted(); // code on the ring's context: a loop's awaits resumed here, its posts

        // Before the next pass may sleep: what is still in flight now may wait long.
        RegisterSurvivors(registrations);
        if (pollWhenIdle && pending == 0)
        {
            Thread.Sleep(1);
        }
        return true;
    }

    /// <summary>Accounts one io_uring_enter; false (after failing every operation) when its error is fatal.</summary>
    private bool Entered(int result)
    {
        if (result > 0)
        {
            EntriesSubmitted += result;
        }

        Volatile.Write(ref _sleeping, 0);
        if (result < 0 && result != -Errno.EINTR && result != -Errno.EAGAIN && result != -Errno.EBUSY && result != -Errno.ETIME)
        {
            // EAGAIN/EBUSY: the kernel wants completions reaped before it takes more; ETIME: a timed wait ran out;
            // anything else is fatal.
            Fail(-result);
            return false;
        }

        return true;
    }

    // How long the ring thread waits between polls when it has no wake descriptor, or a cancel to send again (1 ms).
    private const long LostWakePollTicks = TimeSpan.TicksPerMillisecond;

    // Set by the ring thread once it has seen that the wake eventfd is lost and stopped sleeping in the kernel.
    private int _ringSawWakeLoss;

    private Operation? _pendingRegistrations;

    /// <summary>Queues a submitted operation whose token the ring thread registers if it outlives this pass.</summary>
    public void QueueRegistration(Operation operation, ulong id)
    {
        if (!operation.DeferRegistration(id))
        {
            return; // the slot is already queued; the ring thread will look at its current occupant
        }

        // Treiber push; the single consumer takes the whole stack at once, so there is no ABA to fear.
        Operation? head;
        do
        {
            head = Volatile.Read(ref _pendingRegistrations);
            operation.NextPendingRegistration = head;
        }
        while (Interlocked.CompareExchange(ref _pendingRegistrations, operation, head) != head);
        WakeIfSleeping();
    }

    private static void RegisterSurvivors(Operation? next)
    {
        while (next is not null)
        {
            Operation operation = next;
            next = operation.NextPendingRegistration;
            operation.NextPendingRegistration = null;
            operation.RegisterDeferred();
        }
    }

    private bool _deliveredSinceSleep;

    // The ring thread and its name, set by the thread itself when it starts (UserCodeThread.Reset).
    private Thread? _self;
    private string? _selfName;

    // Set when the last idle pass submitted without waiting; the next one may sleep (so a queue the kernel does not
    // take from never keeps this thread spinning).
    private bool _submittedWithoutWaiting;

    /// <summary>io_uring_enter calls made by the ring thread (written only by it; read for diagnostics).</summary>
    internal long EnterCalls;

    /// <summary>Submission entries the kernel consumed through those calls.</summary>
    internal long EntriesSubmitted;

    /// <summary>Of those calls, the ones that asked to wait for a completion (the ring thread sleeps unless one is ready).</summary>
    internal long Sleeps;

    // Long enough to catch the resubmissions of the continuations just resumed, short enough to cost little.
    private static readonly long SpinTicks = System.Diagnostics.Stopwatch.Frequency / 50_000; // 20 µs

    /// <summary>
    /// After a burst of completions the resumed awaiters usually submit again within microseconds. Waiting
    /// briefly saves a sleep, an eventfd write by the submitter and a wake-up per burst. The wait yields rather
    /// than spins: on few cores the pool thread that will resubmit needs this core (2 cores, 32 in flight:
    /// 780k ops/s yielding vs 616k busy-spinning; 1 in flight: 150k vs 40k without waiting at all).
    /// </summary>
    /// <remarks>
    /// Every burst waits, up to 20 µs. An earlier back-off (after a wait that found nothing, skip waiting for 1, 2, ...
    /// 64 bursts) made the ring sleep exactly when awaiters resubmit a little later than 20 µs, and each submitter then
    /// paid the wake-up: measured on 2 cores against the same run's baseline, without it echo at 32 connections went
    /// from 0.82-0.88x System.Net.Sockets at 1.15-1.21x CPU to 1.13-1.15x at 0.87-0.88x, echo at 1 connection from
    /// 1.37x at 0.72x CPU to 3.16x at 0.31x, O_DIRECT QD32 from 17.4 to 15.5 CPU µs per read, awaited Nop at QD64
    /// from 0.48-0.50 to 0.53-0.58 M/s; O_DIRECT QD1 (140 µs per read, so every wait finds nothing) kept its CPU per
    /// read (244 vs 246 µs). The cost is bounded: at most 20 µs of yielding per burst of completions.
    /// </remarks>
    private bool SpinForWork()
    {
        long now = System.Diagnostics.Stopwatch.GetTimestamp();
        long end = now + SpinTicks;
        long progressed = now;
        int onPool = _delivery.AwaitersOnPool;
        while (true)
        {
            if (WorkReady())
            {
                return true;
            }

            // Submit the round, not its first entry: while the pool still resumes awaiters this thread delivered, their
            // submissions are on the way, and entering at the first one would take one or two per io_uring_enter (and
            // the next submitter would find this thread asleep and pay an eventfd write). So wait until at least as
            // many entries are queued as awaiters are still to be resumed, unless the pool stopped making progress
            // (a continuation that blocks, or awaiters that do not submit again) or code on this thread submitted:
            // a loop on the ring's context wants its entries in now.
            uint queued = Volatile.Read(ref *_ring.SqTail) - Volatile.Read(ref *_ring.SqHead);
            int stillOnPool = _delivery.AwaitersOnPool;
            if (stillOnPool != onPool)
            {
                onPool = stillOnPool;
                progressed = now;
            }

            if (queued != 0 && (queued >= (uint)stillOnPool || _submittedOnRingThread || now - progressed > StallTicks
                || (queued >= StorageRequestsPerEnter && EntriesForOneEnter(queued, requireFullGroup: true, StorageRequestsPerEnter) > 0)))
            {
                return true;
            }

            if (now >= end)
            {
                return queued != 0;
            }

            Thread.Yield(); // let a pool thread that is about to resubmit have this core
            now = System.Diagnostics.Stopwatch.GetTimestamp();
        }
    }

    // How long the pool may go without resuming an awaiter before the entries already queued are submitted anyway: a few
    // rounds of short continuations (one takes about 1 µs on 2 loaded cores, with its thread switch).
    private static readonly long StallTicks = System.Diagnostics.Stopwatch.Frequency / 100_000; // 10 µs

    // Set when code on the ring thread (ring-context or inline continuations) queued something since the last
    // io_uring_enter; only the ring thread reads or writes it.
    private bool _submittedOnRingThread;

    /// <summary>
    /// Completions to reap, or completion work that waits for this thread to enter the kernel (IORING_SQ_TASKRUN,
    /// with cooperative or deferred task work: the completions are not in the ring until then).
    /// </summary>
    private bool WorkReady() =>
        Volatile.Read(ref *_ring.CqTail) != *_ring.CqHead || (Volatile.Read(ref *_ring.SqFlags) & IoUringConstants.SqTaskRun) != 0 || _context.HasPosted
        || _stagedCount != 0;

    private void Reap()
    {
        uint head = *_ring.CqHead;

        // Acquire: pairs with the kernel's smp_store_release(&rings->cq.tail) in io_commit_cqring(), so
        // the CQEs up to tail are fully written before we read them.
        uint tail = Volatile.Read(ref *_ring.CqTail);
        while (head != tail)
        {
            IoUringCqe cqe = _ring.Cqes[head & _ring.CqMask];
            head++;

            // Release the entry before acting on it: completing may run a continuation inline.
            // Pairs with the kernel's READ_ONCE(rings->cq.head) when it checks for CQ space.
            Volatile.Write(ref *_ring.CqHead, head);
            Dispatch(cqe);
            if (head % StorageRequestsPerEnter == 0)
            {
                SubmitFullStorageGroup();
            }
        }

        _delivery.Flush();
    }

    private void Dispatch(in IoUringCqe cqe)
    {
        if ((cqe.UserData & InternalFlag) != 0)
        {
            if (cqe.UserData == WakeUserData)
            {
                _wakeArmed = false;
                Volatile.Write(ref _wakePending, 0);
                if (!_stopping || (_table.InFlightCount > 0 && !_wakeCancelSent))
                {
                    ArmWake();
                }
            }

            else if (IsCancelAnswer(cqe.UserData))
            {
                // Not found, or already running: the operation may still be in flight, so the request may need sending again.
                OnCancelAnswer(cqe.UserData & ~InternalFlag, cqe.Res);
            }
            else if (cqe.UserData == BulkCancelUserData)
            {
                OnBulkCancelAnswer();
            }

            // The wake read's cancel and linked timeouts report nothing we need: the operation's own CQE says how it ended.
            return;
        }

        Operation? operation = _table.Find(cqe.UserData);
        int result = KernelAnswer(cqe.Res);
        if (operation is not null && operation.Phase == OperationPhase.OnRing
            && (operation.IsUnaskedKernelCancel(result) || operation.IsEagainOfAWaitingTransfer(result))
            && operation.TryRerunAfterUnaskedCancel())
        {
            // Nobody asked to cancel it, or another reader took its byte: it runs once more on a blocking-call worker,
            // which waits again when the descriptor is not ready (Operation.Requeue.cs).
            return;
        }

        if (operation is not null && operation.Phase == OperationPhase.OnRing && operation.TryFinish(result))
        {
            _deliveredSinceSleep = true;
            _delivery.Deliver(operation);
        }
    }

    /// <summary>
    /// The operation's answer as errno reads it. A call io-wq runs (splice, an open that may wait) and interrupts for a
    /// cancel (a token, CancelAll, a bulk cancel) can pass up the kernel's internal restart codes (ERESTARTSYS 512,
    /// ERESTARTNOINTR 513, ERESTARTNOHAND 514, ERESTART_RESTARTBLOCK 516; seen: a cancelled splice on 6.18 ended -512),
    /// which a system call never returns to user space: it returns EINTR, and so does this.
    /// </summary>
    internal static int KernelAnswer(int result) => result is -512 or -513 or -514 or -516 ? -Errno.EINTR : result;

    private void ArmWake()
    {
        if (!_wakeIsFixedFile && !_wake.IsIntact())
        {
            return; // the number is someone else's file now: reading it would consume their data
        }

        lock (_sqLock)
        {
            if (!WaitForSpace(1)) // on the ring thread this submits what is queued rather than waiting
            {
                return; // the ring failed for good: the loop ends (nothing sleeps on this ring any more)
            }

            IoUringSqe* sqe = NextSqe();
            sqe->Opcode = (byte)IoUringOp.ReadV;
            sqe->Fd = _wakeIsFixedFile ? 0 : _wake.Fd;
            sqe->Flags = _wakeIsFixedFile ? IoUringConstants.SqeFixedFile : (byte)0;
            sqe->Addr = (ulong)_wakeIov;
            sqe->Len = 1;
            sqe->UserData = WakeUserData;
            PublishTail();
        }

        _wakeArmed = true;
    }

    private bool _wakeCancelSent;

    private void CancelWake()
    {
        if (_wakeCancelSent || !_wakeArmed)
        {
            return;
        }

        _wakeCancelSent = true;
        lock (_sqLock)
        {
            if (!WaitForSpace(1))
            {
                return; // the ring failed for good
            }

            IoUringSqe* sqe = NextSqe();
            sqe->Opcode = (byte)IoUringOp.AsyncCancel;
            sqe->Fd = -1;
            sqe->Addr = WakeUserData;
            sqe->UserData = CancelUserData;
            PublishTail();
        }
    }

    public void Stop(TimeSpan timeout)
    {
        _stopping = true;
        ForceWake();
        if (!_thread.Join(timeout))
        {
            throw new TimeoutException("The io_uring completion thread did not stop in time.");
        }

        // The completion thread closed the delivery queue as it ended: its thread (if one was started) resumes what is
        // still queued and ends. Waited for here so that Dispose leaves no thread of the ring behind, except one still
        // running a continuation (user code, never waited for) or the caller itself.
        _delivery.WaitForDeliveryThreadToEnd(timeout);
    }

    /// <summary>Whether the ring thread has exited (so the rings can be unmapped).</summary>
    internal bool IsStopped => !_thread.IsAlive;

    public void Dispose()
    {
        if (!IsStopped)
        {
            // The kernel may still write completions and buffers: leave the mappings and memory alone.
            return;
        }

        // io_uring_enter failing with EBADF or EOPNOTSUPP means the number no longer names the ring (a stray close or
        // dup2 elsewhere): closing it would close someone else's file.
        _ring.Dispose(closeDescriptor: _fatalErrno is not (Errno.EBADF or Errno.EOPNOTSUPP));
        _wake.Close();
        if (!_wakeArmed)
        {
            // Still armed only when the ring failed with the wake read in the kernel, which may yet complete into it.
            System.Runtime.InteropServices.NativeMemory.Free(_wakeBuffer);
        }
    }
}
