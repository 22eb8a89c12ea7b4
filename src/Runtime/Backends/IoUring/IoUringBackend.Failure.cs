using System;
using System.Diagnostics;
using System.Threading;
using AsyncSys.Interop;
using AsyncSys.Operations;

namespace AsyncSys.Backends.IoUring;

/// <summary>
/// When io_uring_enter fails for good (an error other than EINTR, EAGAIN, EBUSY or ETIME): every operation on the ring
/// still ends exactly once, and nothing the kernel may still write into is released.
/// </summary>
/// <remarks>
/// Three kinds of operation are on a failed ring. Those the kernel never saw (held by the ring thread, or written to the
/// submission queue past the kernel's head) end at once with the errno: nothing will ever submit them, since no
/// io_uring_enter follows. Those the kernel took go on in the kernel: their completions still arrive in the mapped
/// completion queue unless completion work waits for this thread to enter the kernel (IORING_SETUP_DEFER_TASKRUN), so
/// the ring thread keeps reaping them, with their real results, for <see cref="AfterFailureGrace"/>. Any still
/// outstanding then, or cancelled meanwhile (a cancel entry can no longer be submitted), is abandoned: its awaiter gets
/// the errno (or its cancellation), and its pins, native memory, handle reference and slot scratch are kept for the
/// life of the process, because the kernel may still write into them (<see cref="Operation.Abandon"/>).
/// Later operations go to the blocking-call workers (IsNative is false from the failure on).
/// </remarks>
internal sealed unsafe partial class IoUringBackend
{
    /// <summary>How long the ring thread keeps reaping completions of the kernel's requests after a failure (1 s).</summary>
    internal static readonly TimeSpan AfterFailureGrace = TimeSpan.FromSeconds(1);

    private int _injectedFatalErrno;

    /// <summary>Operations abandoned after a failure (the kernel might still write into their buffers); ring thread only.</summary>
    internal int AbandonedOperations;

    /// <summary>For tests: makes the ring thread fail as if io_uring_enter had returned <paramref name="errno"/> for good.</summary>
    internal void InjectFatalError(int errno)
    {
        Volatile.Write(ref _injectedFatalErrno, errno);
        ForceWake();
    }

    /// <summary>Records that io_uring_enter failed for good; the ring loop then stops and <see cref="EndAfterFailure"/> runs.</summary>
    private void Fail(int errno)
    {
        // Under the queue lock: a submitter that wrote its entry before this is ended by EndAfterFailure (it is in the
        // submission queue); one that comes after sees the errno there and ends its operation itself (Submit).
        lock (_sqLock)
        {
            if (_fatalErrno == 0)
            {
                _fatalErrno = errno;
            }
        }
    }

    /// <summary>Ring thread, after its loop stopped on a failure: ends every operation on the ring exactly once.</summary>
    private void EndAfterFailure()
    {
        int errno = _fatalErrno;
        Debug.Assert(errno != 0, "only a failed ring ends this way");
        if (Diagnostics.AsyncSysEventSource.Log.IsEnabled())
        {
            Diagnostics.AsyncSysEventSource.Log.RingFailed(_name, Errno.NameOf(errno), _table.InFlightCount);
        }

        EndStaged(errno);
        EndUnsubmitted(errno);

        // The kernel's own: reap what it posts; with deferred completion work nothing more can come.
        long start = Stopwatch.GetTimestamp();
        long grace = _ring.DefersTaskRun ? 0 : (long)(AfterFailureGrace.TotalSeconds * Stopwatch.Frequency);
        while (true)
        {
            Reap(); // no io_uring_enter: the completion queue is mapped memory
            _context.RunPosted();
            bool timeUp = Stopwatch.GetTimestamp() - start >= grace;
            int left = AbandonOnRing(errno, onlyCancelled: !timeUp);
            if (left == 0 || timeUp)
            {
                break;
            }

            Thread.Sleep(1); // a syscall: also runs completion work the kernel queued for this thread (COOP_TASKRUN)
        }
    }

    /// <summary>Ends the operations written to the submission queue that the kernel has not taken (past its head).</summary>
    private void EndUnsubmitted(int errno)
    {
        uint head;
        uint tail;
        lock (_sqLock)
        {
            // No io_uring_enter follows the failure, so the kernel's head no longer moves (the ring has no SQPOLL thread).
            head = Volatile.Read(ref *_ring.SqHead);
            tail = _sqTail;
        }

        for (uint position = head; position != tail; position++)
        {
            ulong userData = _ring.Sqes[position & _ring.SqMask].UserData;
            if ((userData & InternalFlag) == 0 && _table.Find(userData) is { Phase: OperationPhase.OnRing } operation)
            {
                operation.Complete(-errno);
            }
        }
    }

    /// <summary>
    /// Abandons the operations the kernel took and has not completed: the cancelled ones (or all of them when
    /// <paramref name="onlyCancelled"/> is false). Returns how many are left on the ring.
    /// </summary>
    private int AbandonOnRing(int errno, bool onlyCancelled)
    {
        int left = 0;
        int abandoned = 0;
        for (int i = 0; i < _table.Capacity; i++)
        {
            Operation operation = _table[i];
            if (operation.Phase != OperationPhase.OnRing)
            {
                continue;
            }

            if (onlyCancelled && !operation.IsCancellationRequested)
            {
                left++;
                continue;
            }

            // Counted before the awaiter can resume (Abandon delivers it), so what it reads includes this one.
            abandoned++;
            Volatile.Write(ref AbandonedOperations, AbandonedOperations + 1);
            operation.Abandon(operation.IsCancellationRequested ? -Errno.ECANCELED : -errno);
        }

        if (abandoned > 0)
        {
            if (Diagnostics.AsyncSysEventSource.Log.IsEnabled())
            {
                Diagnostics.AsyncSysEventSource.Log.AbandonedAfterFailure(_name, abandoned);
            }
        }

        return left;
    }
}
