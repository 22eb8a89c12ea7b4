using System;
using System.Runtime.InteropServices;
using System.Threading;
using AsyncSys.Interop;
using AsyncSys.Operations;

namespace AsyncSys.Backends.LinuxAio;

/// <summary>The completion thread: the only reader of the AIO ring and the only caller of io_pgetevents.</summary>
internal sealed unsafe partial class LinuxAioBackend
{
    // The wait is bounded even with the wake poll armed, as a safety net; without it (no IOCB_CMD_POLL)
    // the bound is what makes Stop prompt.
    private static readonly long WaitWithWakeNanoseconds = 1_000_000_000;
    private static readonly long WaitWithoutWakeNanoseconds = 20_000_000;

    private void RunCompletionThread()
    {
        try
        {
            RunCompletionLoop();
            _delivery.Close();
        }
        catch (Exception ex)
        {
            // Invariant 7: a completion thread that breaks fails fast with context, rather than leaving every
            // operation on this ring waiting forever.
            Environment.FailFast($"AsyncSys: the Linux AIO completion thread of '{_name}' failed (in flight: {_table.InFlightCount}, stopping: {_stopping}): {ex}", ex);
        }
    }

    private void RunCompletionLoop()
    {
        Thread self = Thread.CurrentThread;
        string name = self.Name!;
        while (true)
        {
            if (Volatile.Read(ref _injectedFailure) is int injected && injected != 0)
            {
                Fail(injected);
                return;
            }

            if (_userSpaceReaping && ReapRing() > 0)
            {
                _delivery.Flush();
                continue;
            }

            // A wake poll armed on an eventfd someone else closed never completes: io_destroy cancels it.
            if (_stopping && (!_wakeArmed || _wake!.IsLost) && _table.InFlightCount == 0)
            {
                break;
            }

            // Awaiters waiting for a pool thread: look at them again soon (PoolDelivery), even if nothing completes.
            long waitFor = _delivery.HasWaitingOnPool ? (long)PoolDelivery.LagCheck.TotalNanoseconds
                : _wakeArmed && !_stopping ? WaitWithWakeNanoseconds : WaitWithoutWakeNanoseconds;
            UserCodeThread.Reset(self, name); // before it waits: what inline continuations changed on this thread
            long waited = WaitForEvents(waitFor);
            if (waited >= 0)
            {
                for (int i = 0; i < (int)waited; i++)
                {
                    Dispatch(_events[i]);
                }

                _delivery.Flush(); // also after a timeout: the pool queue's lag check
            }
            else if (waited != -Errno.EINTR && waited != -Errno.ETIME)
            {
                Fail((int)-waited);
                return;
            }
        }
    }

    /// <summary>
    /// Takes every event between head and tail from the mapped ring, with no syscall. We are the only
    /// writer of head: the kernel writes it only inside io_getevents (aio_read_events_ring), which only this
    /// thread calls, never at the same time.
    /// </summary>
    private int ReapRing()
    {
        AioRingHeader* ring = _ring;
        uint nr = ring->Nr;
        uint head = ring->Head;

        // Acquire: pairs with aio_complete()'s smp_wmb() ("make event visible before updating tail") before
        // it stores ring->tail, so every io_event up to tail is fully written before we read it; the kernel's
        // own reader, aio_read_events_ring(), pairs its read of tail with smp_rmb() the same way.
        uint tail = Volatile.Read(ref ring->Tail);
        if (head >= nr || tail >= nr)
        {
            return 0; // not a state the kernel produces; leave the ring to io_pgetevents
        }

        int count = 0;
        while (head != tail)
        {
            IoEvent completion = _ringEvents[head];
            head = head + 1 == nr ? 0 : head + 1;
            count++;

            // Release: the event is copied out before the kernel may reuse its slot. Pairs with the kernel's
            // read of ring->head in aio_complete() / user_refill_reqs_available(), which is how user-space
            // reaping hands slots back to the context. Released before acting on the event, because completing
            // may run a continuation inline that submits again.
            Volatile.Write(ref ring->Head, head);
            Dispatch(completion);
        }

        return count;
    }

    /// <summary>Blocks until at least one event (taken into <see cref="_events"/>), the timeout, or an error.</summary>
    private long WaitForEvents(long nanoseconds)
    {
        _timeout->TvSec = nanoseconds / 1_000_000_000;
        _timeout->TvNsec = nanoseconds % 1_000_000_000;
        if (!_noPGetEvents)
        {
            long result = Syscalls.Invoke(Syscalls.IoPGetEvents, (long)_context, 1, EventBatch, (long)_events, (long)_timeout, (long)_sigset);
            if (result != -Errno.ENOSYS)
            {
                return result;
            }

            _noPGetEvents = true; // before 4.18: no io_pgetevents; io_getevents waits the same, without the mask
        }

        return Syscalls.Invoke(Syscalls.IoGetEvents, (long)_context, 1, EventBatch, (long)_events, (long)_timeout);
    }

    private void Dispatch(in IoEvent completion)
    {
        if ((completion.Data & InternalFlag) != 0)
        {
            if (completion.Data == WakeData)
            {
                OnWake();
            }

            return;
        }

        ulong id = completion.Data;
        Operation? operation = _table.Find(id);
        if (operation is null || operation.Phase != OperationPhase.OnRing)
        {
            return;
        }

        long result = completion.Res;
        ref long state = ref _slotState[operation.Index];
        if (operation.Request.Op == RingOp.Poll)
        {
            // Marked done under the run lock: a cancel in progress (IssueCancel) finishes its io_cancel first,
            // and any later one sees Done and sends nothing. TryFinish runs after the lock is released: it
            // disposes the token registration, which waits for a running cancel callback.
            lock (operation.RunLock)
            {
                Volatile.Write(ref state, Pack(id, StateDone));
            }

            if (result == 0 && operation.IsCancellationRequested)
            {
                result = -Errno.ECANCELED; // a cancelled IOCB_CMD_POLL completes with an empty mask
            }
        }
        else
        {
            Volatile.Write(ref state, Pack(id, StateDone));
            if (GaveUp(operation, result))
            {
                RetryOnWorker(operation);
                return;
            }
        }

        if (operation.TryFinish((int)result))
        {
            _delivery.Deliver(operation);
        }
    }

    /// <summary>
    /// Whether a NOWAIT read or write came back undone: EAGAIN (it would have blocked) or EOPNOTSUPP (the file
    /// cannot do NOWAIT for it). Nothing was transferred then, so a worker can run the blocking call instead.
    /// A short read is a result, never redone: the bytes are already in the caller's buffer, and on a pipe or
    /// socket they are gone from the kernel, so a redo would lose them (issue 16, item 9). pread may return
    /// fewer bytes than asked anywhere, and ReadExactlyAsync completes the rest.
    /// </summary>
    private static bool GaveUp(Operation operation, long result)
    {
        Iocb* iocb = operation.BackendScratch<Iocb>();
        return (iocb->RwFlags & AioConstants.RwfNowait) != 0 && (result == -Errno.EAGAIN || result == -Errno.EOPNOTSUPP);
    }

    private void OnWake()
    {
        _wakeArmed = false;
        _wake!.Drain(); // non-blocking; reads nothing if the number is someone else's file now
        if (!_stopping)
        {
            ArmWake();
        }
    }

    /// <summary>
    /// Waiting for completions failed for good (only a broken context does that): later operations go to
    /// workers, and every operation on the ring fails with that errno so none is lost, as on io_uring.
    /// </summary>
    /// <remarks>
    /// The kernel may still own those operations' buffers: an iocb it accepted can complete into them at any
    /// time. So before any of them is failed (which unpins its buffers and releases its handle), the context
    /// is destroyed: io_destroy cancels what can be cancelled and returns only once every request the kernel
    /// held has completed, so from then on nothing writes into the buffers. Completions it produced are lost
    /// with the ring; their operations fail with the errno instead. Submitters that race with this get
    /// EINVAL from io_submit and move their operation to a worker.
    /// </remarks>
    internal void Fail(int errno)
    {
        _fatalErrno = errno;
        _delivery.Flush();
        Syscalls.Invoke(Syscalls.IoDestroy, (long)_context);
        _contextDestroyed = true;
        _table.ForEachInFlight(errno, static (operation, e) =>
        {
            if (operation.Phase == OperationPhase.OnRing)
            {
                operation.Complete(-e);
            }
        });
    }

    private bool _contextDestroyed;
    private int _injectedFailure;

    /// <summary>For tests: makes the completion thread fail as if waiting for events had returned <paramref name="errno"/>.</summary>
    internal void InjectFailure(int errno)
    {
        Volatile.Write(ref _injectedFailure, errno);
        _wake!.Signal();
    }

    /// <summary>The context id, which is also the address of the ring the kernel maps (for tests).</summary>
    internal ulong Context => _context;

    public void Stop(TimeSpan timeout)
    {
        _stopping = true;
        _wake!.Signal(); // completes the wake poll; if the eventfd was lost, the bounded wait ends the thread
        if (!_thread.Join(timeout))
        {
            throw new TimeoutException("The Linux AIO completion thread did not stop in time.");
        }

        // The completion thread closed the delivery queue as it ended: its thread (if one was started) resumes what is
        // still queued and ends. Waited for here so that Dispose leaves no thread of the ring behind, except one still
        // running a continuation (user code, never waited for) or the caller itself.
        _delivery.WaitForDeliveryThreadToEnd(timeout);
    }

    /// <summary>Whether the completion thread has exited (so the context can be destroyed).</summary>
    internal bool IsStopped => !_thread.IsAlive;

    public void Dispose()
    {
        if (!IsStopped)
        {
            // The kernel may still complete requests into our buffers and the ring: leave everything alone.
            return;
        }

        // io_destroy cancels what is left (nothing: the thread only exits when nothing is in flight) and
        // unmaps the ring. Fail may have done it already.
        if (!_contextDestroyed)
        {
            Syscalls.Invoke(Syscalls.IoDestroy, (long)_context);
        }

        _wake!.Close();
        NativeMemory.AlignedFree(_native);
    }
}
