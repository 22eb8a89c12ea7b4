using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Threading;
using AsyncSys.Interop;
using AsyncSys.Operations;

namespace AsyncSys.Backends.Workers;

/// <summary>
/// Where worker operations wait without holding a worker: a read on an idle pipe, a poll, a recv, an accept,
/// a timer. One thread polls every parked descriptor (plus an eventfd that wakes it) with the nearest timer as
/// its timeout. A ready descriptor sends its operation back to the worker queue to do the call (a poll
/// completes here); a cancelled one completes here. The lane owns a parked operation: only the lane thread
/// completes or releases it, so completion stays exactly once.
/// </summary>
internal sealed unsafe class ReadinessLane
{
    private readonly WorkerPool _pool;
    private readonly object _lock = new();
    private readonly List<Entry> _entries = new();
    private readonly int _eventFd;
    private readonly Thread _thread;
    private int _wakePending;
    private bool _stopping;
    private bool _exited;

    // poll refuses more descriptors than RLIMIT_NOFILE (EINVAL) and can run out of memory: then the lane polls
    // a rotating window of this many entries, with a short timeout so every entry gets its turn.
    private int _pollLimit = int.MaxValue;
    private int _rotation;

    /// <summary>Creates the eventfd and starts the thread; on failure nothing is left behind.</summary>
    internal ReadinessLane(WorkerPool pool, string name)
    {
        _pool = pool;
        _eventFd = Libc.eventfd(0, Libc.EFD_CLOEXEC | Libc.EFD_NONBLOCK);
        if (_eventFd < 0)
        {
            throw new ErrnoException(Marshal.GetLastPInvokeError(), "eventfd", "readiness lane");
        }

        try
        {
            _thread = new Thread(Run) { IsBackground = true, Name = name };
            _thread.UnsafeStart();
        }
        catch
        {
            Libc.close(_eventFd);
            throw;
        }
    }

    /// <summary>Operations parked now.</summary>
    internal int Count
    {
        get
        {
            lock (_lock)
            {
                return _entries.Count;
            }
        }
    }

    /// <summary>Takes ownership of <paramref name="operation"/> (phase OnWorker) until <paramref name="fd"/> is ready or <paramref name="dueTimestamp"/> passes; false once the lane has exited.</summary>
    internal bool Park(Operation operation, int fd, PollEvents events, long dueTimestamp)
    {
        Debug.Assert(operation.Phase == OperationPhase.OnWorker, "a parked operation stays on a worker (no worker holds it) until the lane completes or returns it");
        lock (_lock)
        {
            if (_exited)
            {
                return false;
            }

            _entries.Add(new Entry(operation, fd, (short)events, dueTimestamp));
        }

        Wake();
        return true;
    }

    /// <summary>Makes the lane look at its entries again (a cancel request, a new entry, stop).</summary>
    internal void Wake()
    {
        if (Interlocked.Exchange(ref _wakePending, 1) == 0)
        {
            ulong one = 1;
            Libc.write(_eventFd, &one, 8);
        }
    }

    /// <summary>The lane exits once nothing is parked (Dispose has asked every operation to cancel by then).</summary>
    internal void Stop()
    {
        lock (_lock)
        {
            _stopping = true;
        }

        Wake();
    }

    private void Run()
    {
        try
        {
            RunLoop();
        }
        catch (Exception ex)
        {
            // Nothing of the user's runs here except awaiter continuations, which the completions queue to the
            // thread pool unless the ring runs them inline. A lane that dies silently would leave every parked
            // operation waiting forever: fail fast, naming the lane (its name includes the ring's) and what it held.
            Diagnostics.ThreadFailure.FailFast($"the readiness lane '{Thread.CurrentThread.Name}' failed (parked: {Count}, stopping: {_stopping})", ex);
        }
    }

    private void RunLoop()
    {
        var watched = new List<Entry>();
        var window = new List<Entry>();
        var finished = new List<(Entry Entry, int Result)>();
        PollFd[] fds = new PollFd[16];
        Thread self = Thread.CurrentThread;
        string name = self.Name!;
        while (true)
        {
            // Polls and timers that end here run their awaiters here on an inline ring: put back what they changed.
            UserCodeThread.Reset(self, name);
            watched.Clear();
            finished.Clear();
            long now = Stopwatch.GetTimestamp();
            long nextDue = long.MaxValue;
            bool exit;
            lock (_lock)
            {
                // Cleared before the scan: a cancel or park after this point writes the eventfd again, and the
                // poll below sees it.
                Volatile.Write(ref _wakePending, 0);
                for (int i = _entries.Count - 1; i >= 0; i--)
                {
                    Entry entry = _entries[i];
                    if (entry.Operation.IsCancellationRequested)
                    {
                        finished.Add((entry, -Errno.ECANCELED));
                    }
                    else if (entry.Due != 0 && now >= entry.Due)
                    {
                        finished.Add((entry, 0)); // a timer that ran out: that is its success
                    }
                    else
                    {
                        watched.Add(entry);
                        if (entry.Due != 0)
                        {
                            nextDue = Math.Min(nextDue, entry.Due);
                        }

                        continue;
                    }

                    _entries.RemoveAt(i);
                }

                exit = _stopping && _entries.Count == 0;
                _exited = exit;
            }

            foreach ((Entry entry, int result) in finished)
            {
                entry.Operation.Complete(result);
            }

            if (exit)
            {
                break;
            }

            int timeout = nextDue == long.MaxValue ? -1 : (int)Math.Clamp(Math.Ceiling((nextDue - now) * 1000.0 / Stopwatch.Frequency), 0, int.MaxValue);
            int writers = 0;
            foreach (Entry entry in watched)
            {
                writers += entry.IsWaitingWriter ? 1 : 0;
            }

            // At most about 160 tries a second in all: with many writers waiting, each waits longer between tries.
            long reprobeTicks = WriterReprobeTicks * Math.Max(1, writers / 16);
            if (writers > 0)
            {
                timeout = timeout < 0 ? WriterReprobeMilliseconds : Math.Min(timeout, WriterReprobeMilliseconds);
            }

            List<Entry> polled = watched;
            if (watched.Count > _pollLimit)
            {
                window.Clear();
                int start = (int)((uint)_rotation++ % (uint)watched.Count);
                for (int i = 0; i < _pollLimit; i++)
                {
                    window.Add(watched[(start + i) % watched.Count]);
                }

                polled = window;
                timeout = timeout < 0 ? 10 : Math.Min(timeout, 10);
            }

            int count = 1;
            if (fds.Length < polled.Count + 1)
            {
                fds = new PollFd[Math.Max(fds.Length * 2, polled.Count + 1)];
            }

            fds[0] = new PollFd { Fd = _eventFd, Events = (short)PollEvents.In };
            foreach (Entry entry in polled)
            {
                // A timer has no descriptor: poll ignores a negative fd, which keeps the indexes aligned.
                fds[count++] = new PollFd { Fd = entry.Fd, Events = entry.Events };
            }

            int ready;
            fixed (PollFd* p = fds)
            {
                ready = Libc.poll(p, (nuint)count, timeout);
            }

            if (ready < 0)
            {
                if (Marshal.GetLastPInvokeError() != Errno.EINTR)
                {
                    // EINVAL (more entries than RLIMIT_NOFILE) or ENOMEM: poll fewer at a time, never give up.
                    _pollLimit = Math.Max(1, (count - 1) / 2);
                }

                continue;
            }

            if (fds[0].REvents != 0)
            {
                ulong drained;
                Libc.read(_eventFd, &drained, 8); // non-blocking; empty is fine
            }

            // Writers that waited a period without poll calling them writable: their call is tried again (see
            // WriterReprobeTicks), as if ready; a worker parks them once more if they would still block.
            long afterPoll = Stopwatch.GetTimestamp();
            for (int i = 0; i < polled.Count; i++)
            {
                if (fds[i + 1].REvents == 0 && polled[i].IsWaitingWriter && afterPoll - polled[i].ParkedAt >= reprobeTicks)
                {
                    fds[i + 1].REvents = (short)PollEvents.Out;
                    ready++;
                }
            }

            if (ready > 0)
            {
                Dispatch(polled, fds);
            }
        }

        Libc.close(_eventFd);
    }

    private void Dispatch(List<Entry> watched, PollFd[] fds)
    {
        lock (_lock)
        {
            for (int i = 0; i < watched.Count; i++)
            {
                watched[i].Ready = fds[i + 1].REvents;
            }

            _entries.RemoveAll(static e => e.Ready != 0);
        }

        for (int i = 0; i < watched.Count; i++)
        {
            Entry entry = watched[i];
            if (entry.Ready == 0)
            {
                continue;
            }

            Operation operation = entry.Operation;
            if (operation.Request.Op == RingOp.Poll && operation.Blocking is null)
            {
                // POLLNVAL: the descriptor is not open. The ring reports that as EBADF, so do we.
                operation.Complete((entry.Ready & (short)PollEvents.Invalid) != 0 ? -Errno.EBADF : (ushort)entry.Ready);
            }
            else if (operation.TryReturnToQueue())
            {
                // Ready: a worker does the call now (it checks readiness again, and parks once more if
                // another reader took the bytes first).
                _pool.Enqueue(operation);
            }
        }
    }

    private sealed class Entry(Operation operation, int fd, short events, long due)
    {
        internal readonly Operation Operation = operation;
        internal readonly int Fd = fd;
        internal readonly short Events = events;
        internal readonly long Due = due;
        internal readonly long ParkedAt = Stopwatch.GetTimestamp();

        /// <summary>
        /// Whether this is a write or send waiting for room, whose call is tried again now and then even though poll
        /// does not call it writable (<see cref="WriterReprobeTicks"/>); a poll of the user's own is never answered so.
        /// </summary>
        internal readonly bool IsWaitingWriter =
            (events & (short)PollEvents.Out) != 0 && !(operation.Request.Op == RingOp.Poll && operation.Blocking is null);

        internal short Ready;
    }

    /// <summary>
    /// How long a write or send waits on the lane before its call is tried again anyway. poll is not the whole story for
    /// writers: a UNIX stream socket shut down for writing on this side (shutdown SHUT_WR) never polls writable while the
    /// peer does not read, yet send(2) then fails at once with EPIPE, and a blocking send waiting for room is woken to
    /// fail so (io_uring's send does too). Without this a waiting send on the workers or Linux AIO waited until the peer
    /// read, perhaps for ever. The worker asks poll, then the non-blocking call, and parks again if it would still block:
    /// one such try per waiting writer per period, a period that grows with the number of writers waiting (so at most
    /// about 160 tries a second in all).
    /// </summary>
    private static readonly long WriterReprobeTicks = Stopwatch.Frequency / 10; // 100 ms

    private const int WriterReprobeMilliseconds = 100;
}
