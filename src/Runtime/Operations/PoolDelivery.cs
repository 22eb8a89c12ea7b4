using System;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Threading;

namespace AsyncSys.Operations;

/// <summary>
/// Finished operations whose awaiters resume off the completion thread: a queue that the ring's delivery thread drains,
/// and thread-pool work items besides it when the awaiters queued have waited too long (<see cref="LagTicks"/>):
/// continuations that run long or block, or more than one thread can keep up with.
/// </summary>
/// <remarks>
/// <para>
/// Why one at a time: two or more threads draining the same queue, each resuming awaiters that submit again, fight
/// over the queue, the operation table and the submission queue lock. Measured on 2 cores (awaited Nop, 64 loops):
/// 0.8-0.98 M/s at 1.9-2.4 CPU µs per operation with a new work item asked for before each continuation (so that
/// one that blocks holds up nobody), against 1.4-1.5 M/s at 0.5 µs with one drainer.
/// </para>
/// <para>
/// Why a thread of the ring's own rather than a pool work item per burst: a pool thread that runs out of work spins
/// before it sleeps (the pool's semaphore yields the processor over and over for tens of microseconds), and a ring that
/// completes a burst every few hundred microseconds asked for a work item per burst, so a thread spun after every burst.
/// Profiled on 2 cores, 4 KiB O_DIRECT reads at 32 in flight: 40 % of all CPU samples were pool threads yielding in that
/// spin (10.4-15.3 CPU µs per read against fio's 5.1-6.2). A pool thread kept waiting for the next burst instead fixed
/// that, but the pool counts a waiting work item as a busy thread: other pool work (a client's continuation in the same
/// process) then waited for it, and request-response echo at one connection fell to 0.3-0.55x of the build before. The
/// delivery thread sleeps on a futex (<see cref="DrainerHandOver"/>) between bursts, costs the pool nothing, and is
/// handed each burst by the completion thread, unless the pool is running other work (<see cref="PoolRunsOtherWork"/>):
/// its threads are awake then, and a work item is the cheaper hand-off.
/// </para>
/// <para>
/// Measured on 2 cores, quiet machine, alternated with the build before (bench, 3 s per case): O_DIRECT 4 KiB reads at
/// 32 in flight 8.6-8.7 CPU µs per read (1.67-1.70x fio's) went to 4.4-4.7 (0.87-0.97x), at 0.93-0.96x fio's reads per
/// second (0.89-0.92x before); awaited Nop at 64 in flight 1.2 or 3.3 M/s (the two modes runs fell into) to 3.5 M/s in
/// every run. Echo at 32 connections, whose in-process clients keep the pool busy, 0.96x System.Net.Sockets against
/// 1.06-1.09x before; every burst sent to the delivery thread gave 0.90x there, and staying awake 20 µs after a burst
/// (yielding) before sleeping made Nop worse (1.9-2.9 M/s) without helping echo.
/// </para>
/// <para>
/// Why a continuation that blocks still holds up nobody for long: the completion thread looks at the queue after
/// every reaping pass, and while awaiters wait it never sleeps longer than <see cref="LagCheck"/> (its owner asks
/// <see cref="HasWaiting"/>). When awaiters queued at least <see cref="LagTicks"/> ago are still not taken, it asks
/// the pool for a work item, so a continuation that waits synchronously for another operation of the same pass
/// (<c>task.Wait()</c>, <c>.Result</c>) is freed after about that long, and a backlog of slow continuations spreads
/// over more threads, one more per period while it lasts. An owner that cannot bound its sleep gets the older rule and
/// no delivery thread: a pool work item before every continuation while more awaiters wait (<c>lagChecks: false</c>).
/// </para>
/// </remarks>
internal sealed class PoolDelivery : IThreadPoolWorkItem
{
    /// <summary>How long awaiters may wait in the queue, behind a drainer that does not take them, before another is added.</summary>
    internal static readonly long LagTicks = Stopwatch.Frequency / 5_000; // 200 µs

    /// <summary>
    /// How long awaiters may wait with no drainer running (a pool work item asked for that has not started) before the
    /// delivery thread takes them. Longer than <see cref="LagTicks"/>: under load a work item often starts a little late,
    /// and waking the delivery thread then competes with the pool's threads for the processors.
    /// </summary>
    internal static readonly long LateWorkItemTicks = Stopwatch.Frequency / 1_000; // 1 ms

    /// <summary>The longest the completion thread sleeps while awaiters wait here (a little under <see cref="LagTicks"/>).</summary>
    internal static readonly System.TimeSpan LagCheck = System.TimeSpan.FromMicroseconds(150);

    // How many awaiters one pool work item resumes before it hands the rest to a new one: other pool work gets its turn.
    private const int PerWorkItem = 64;

    // With no drainer running, a pass of completions asks for one after this many, without waiting for the pass to
    // end: the first awaiters of a long pass resume (and submit again) while the completion thread is still reaping.
    // Not fewer: a drainer woken after 8 caught up with the reaping, went back to sleep and was woken again 7 times per
    // pass of 64 Nop completions (0.10-0.11 delivery thread wakes per operation, half the CPU in futex calls): awaited
    // Nop at 64 in flight ran 0.8-1.2 M/s at 0.8-1.0 CPU µs per operation on 2 loaded cores, against 1.8-2.7 M/s at
    // 0.37-0.59 µs with 64 (one wake per pass, 0.016 per operation), alternated in the same minutes.
    private const int RequestEvery = 64;

    // How long the delivery thread sleeps before it looks at the queue on its own. Every burst is handed to it, so this
    // is a guard only (WokeToWaitingAwaiters counts the looks that found awaiters).
    private const int IdleLookMicroseconds = 100_000;

    [ThreadStatic]
    private static bool t_isDeliveryThread;

    [ThreadStatic]
    private static bool t_inContinuation;

    private readonly ConcurrentQueue<Operation> _ready = new();
    private readonly bool _lagChecks;
    private readonly string _ringName;
    private readonly DrainerHandOver _handOver = new();
    private int _requested; // 1 while a pool work item is queued and has not started
    private int _drainers; // the delivery thread and pool work items resuming awaiters now
    private int _awaiters;
    private long _taken; // awaiters taken off the queue so far
    private volatile bool _closed;

    // Delivery thread: true while it runs a continuation (WaitForDeliveryThreadToEnd does not wait for user code).
    private volatile bool _deliveryThreadInContinuation;

    // Completion thread only.
    private int _addedThisPass;
    private long _added;
    private long _checkpointAdded;
    private long _checkpointTime;
    private Thread? _thread;

    /// <param name="lagChecks">
    /// Whether the owner calls <see cref="EndPass"/> at least every <see cref="LagCheck"/> while <see cref="HasWaiting"/>;
    /// false: a work item is asked for before every continuation while more awaiters wait, and there is no delivery thread.
    /// </param>
    /// <param name="ringName">The ring's name, for the delivery thread's name and failure messages.</param>
    internal PoolDelivery(bool lagChecks, string ringName)
    {
        _lagChecks = lagChecks;
        _ringName = ringName;
    }

    /// <summary>Whether the calling thread is a ring's delivery thread (it runs awaiters' continuations as a pool thread would).</summary>
    internal static bool IsDeliveryThread => t_isDeliveryThread;

    /// <summary>The delivery thread, once started (tests).</summary>
    internal Thread? DeliveryThread => Volatile.Read(ref _thread);

    /// <summary>
    /// Awaiters queued here whose continuation has not finished yet. Many of them will submit again as soon as they run:
    /// the ring thread waits for them to submit a round in one io_uring_enter.
    /// </summary>
    internal int Awaiters => Volatile.Read(ref _awaiters);

    /// <summary>Completion thread: whether awaiters wait in the queue (it must then not sleep longer than <see cref="LagCheck"/>).</summary>
    internal bool HasWaiting => _lagChecks && Volatile.Read(ref _taken) != _added;

    /// <summary>The queue's counters, for test failure messages.</summary>
    internal string Describe() =>
        $"added {_added}, taken {Volatile.Read(ref _taken)}, awaiters {Awaiters}, drainers {Volatile.Read(ref _drainers)}, " +
        $"requested {Volatile.Read(ref _requested)}, work items {Interlocked.Read(ref WorkItemsRequested)}, for lag {Interlocked.Read(ref LagRequests)}, " +
        $"handed to the delivery thread {Interlocked.Read(ref HandOvers)} ({Interlocked.Read(ref LateWorkItems)} for a late work item), found on its own {Interlocked.Read(ref WokeToWaitingAwaiters)}, " +
        $"thread start failures {Interlocked.Read(ref DeliveryThreadStartFailures)}";

    /// <summary>Work items asked of the thread pool so far (tests, diagnostics).</summary>
    internal long WorkItemsRequested;

    /// <summary>Of those, the ones asked for because awaiters waited too long behind the running ones (tests, diagnostics).</summary>
    internal long LagRequests;

    /// <summary>Times the completion thread woke the sleeping delivery thread for awaiters it queued (tests, diagnostics).</summary>
    internal long HandOvers;

    /// <summary>Times awaiters whose pool work item had not started after <see cref="LateWorkItemTicks"/> went to the delivery thread instead (tests, diagnostics).</summary>
    internal long LateWorkItems;

    /// <summary>Times the delivery thread, waking on its own, found awaiters nobody had handed it yet (diagnostics).</summary>
    internal long WokeToWaitingAwaiters;

    /// <summary>Completion thread: queues an awaiter to resume on the delivery thread or the pool.</summary>
    internal void Add(Operation operation)
    {
        Interlocked.Increment(ref _awaiters);
        _added++;
        _ready.Enqueue(operation);
        if (++_addedThisPass % RequestEvery == 0 && Volatile.Read(ref _drainers) == 0)
        {
            RequestDrainer(late: false);
        }
    }

    /// <summary>
    /// Completion thread, at the end of every reaping pass (also one that found nothing): makes sure what it queued
    /// will run, and adds a pool work item when awaiters have waited too long.
    /// </summary>
    internal void EndPass()
    {
        _addedThisPass = 0;
        long taken = Volatile.Read(ref _taken);
        if (taken == _added)
        {
            _checkpointAdded = _added;
            return; // nothing waiting
        }

        // Full fence between our enqueues and the read of the drainer count; pairs with the one in Drain between a
        // drainer leaving the count and looking at the queue again: either we see it gone or it sees our awaiters.
        Interlocked.MemoryBarrier();
        if (!_lagChecks)
        {
            RequestDrainer(late: false);
            return;
        }

        // A checkpoint: the count added at some pass, and when. Once everything up to it is taken, the next pass sets
        // a new one; when it is still not taken after LagTicks, awaiters have waited at least that long.
        long now = Stopwatch.GetTimestamp();
        if (taken >= _checkpointAdded)
        {
            _checkpointAdded = _added;
            _checkpointTime = now;
        }

        if (Volatile.Read(ref _drainers) == 0)
        {
            // No drainer runs. A pool work item asked for while the pool ran other work may not have started yet: behind
            // a backlog of other work, or with every pool thread blocked. The lag check below does not see that case.
            bool late = now - _checkpointTime >= LateWorkItemTicks;
            RequestDrainer(late);
            if (late)
            {
                _checkpointAdded = _added;
                _checkpointTime = now;
            }

            return;
        }

        if (now - _checkpointTime >= LagTicks)
        {
            // The drainers running now may be blocked in a continuation: only another thread frees the rest.
            if (RequestWorkItem())
            {
                Interlocked.Increment(ref LagRequests);
            }

            _checkpointAdded = _added;
            _checkpointTime = now;
        }
    }

    /// <summary>
    /// Owner, once its completion thread has delivered its last awaiter: the delivery thread resumes what is still queued
    /// and ends. Anything queued later goes to pool work items. Called on the completion thread as it ends, the only
    /// thread that starts the delivery thread: a start never races it, and none comes after it (<see cref="RequestDrainer"/>
    /// looks at the flag first).
    /// </summary>
    /// <remarks>
    /// The lag check ends with the completion thread: awaiters still queued behind a drainer blocked in a continuation
    /// (one that waits synchronously for them, as Dispose's cancellations end a whole pass at once) would wait until it
    /// gave up, or for good. So what is queued now goes to a pool work item too, and from here every drainer asks for
    /// another before each continuation while more awaiters wait, as without lag checks.
    /// </remarks>
    internal void Close()
    {
        _closed = true;
        _handOver.TryHandOver(); // a full fence: the look below comes after the write above
        if (!_ready.IsEmpty)
        {
            RequestWorkItem();
        }
    }

    /// <summary>
    /// Owner, once its completion thread has ended (it called <see cref="Close"/> last): waits, at most
    /// <paramref name="timeout"/>, for the delivery thread to end, so that a disposed ring leaves no thread of its own
    /// behind. Returns whether no delivery thread is left. It does not wait while that thread runs a continuation: user
    /// code, which may itself wait for whatever is disposing the ring (a task that completes after Dispose returns, a
    /// lock the disposer holds); the thread ends as soon as that code returns, as a pool thread would go back to the
    /// pool. Nor when the caller is the delivery thread (a continuation that disposes its own ring: it is that code).
    /// </summary>
    /// <remarks>
    /// Without the wait the thread could end after Dispose returned (it has to be woken and scheduled first, which on a
    /// loaded machine takes milliseconds), so a check right after Dispose could find it. A thread in user code is another
    /// matter, and is still there after Dispose: the descriptor-exhaustion chaos scenario, whose own code had resumed on
    /// the delivery thread and went on there after disposing the ring, counted its own thread as "left".
    /// </remarks>
    internal bool WaitForDeliveryThreadToEnd(TimeSpan timeout)
    {
        Thread? thread = Volatile.Read(ref _thread);
        if (thread is null)
        {
            return true;
        }

        Debug.Assert(_closed, "only after Close: until then the thread waits for more awaiters");

        if (thread == Thread.CurrentThread)
        {
            return false;
        }

        long deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        while (!_deliveryThreadInContinuation)
        {
            // Woken by Close, it resumes what is still queued and returns; polled so that a continuation it begins
            // meanwhile (one of those queued) ends the wait within a millisecond.
            if (thread.Join(1))
            {
                return true;
            }

            if (Stopwatch.GetTimestamp() >= deadline)
            {
                return false;
            }
        }

        return false;
    }

    /// <summary>
    /// Completion thread, when no drainer runs: gets one. The delivery thread (started on first use) is handed the queue
    /// if it sleeps; if it is awake it looks at the queue again before it sleeps, so nothing is needed. Without a
    /// delivery thread, a pool work item.
    /// </summary>
    /// <param name="late">
    /// Awaiters have waited <see cref="LateWorkItemTicks"/> with no drainer running: the delivery thread takes them even
    /// though the pool runs other work (the work item asked for has not started).
    /// </param>
    private void RequestDrainer(bool late)
    {
        if (!_lagChecks || _closed || !DrainerHandOver.IsSupported || !DeliveryThreadEnabled)
        {
            RequestWorkItem();
            return;
        }

        if (_thread is null)
        {
            if ((!late && PoolRunsOtherWork()) || !TryStartDeliveryThread())
            {
                RequestWorkItem(); // the pool is awake anyway, or no thread could be started now
            }
            else if (late)
            {
                Interlocked.Increment(ref LateWorkItems);
            }

            return; // a new delivery thread looks at the queue before it first sleeps
        }

        // EndPass's barrier comes before this read; the delivery thread's TryBeginWait is a full fence before its look at
        // the queue. Either we see it waiting and hand over (or ask the pool), or its look sees what we queued. Handed over
        // already: it looks at the queue after it stops waiting. (From Add there is no such fence: Enqueue publishes the
        // item with a release store after its interlocked step, so this read may pass it. That call only starts the
        // drainer early; the EndPass that ends every pass is the one that makes sure.)
        if (!_handOver.IsWaiting)
        {
            return;
        }

        if (!late && PoolRunsOtherWork())
        {
            RequestWorkItem();
        }
        else if (_handOver.TryHandOver())
        {
            Interlocked.Increment(ref HandOvers);
            if (late)
            {
                Interlocked.Increment(ref LateWorkItems);
            }
        }
    }

    /// <summary>
    /// Whether this queue may use a delivery thread. On unless the environment variable ASYNCSYS_DELIVERY_THREAD is 0
    /// when the ring is created (tests set it per ring); with 0, every burst goes to a pool work item, as in releases
    /// before the delivery thread.
    /// </summary>
    internal bool DeliveryThreadEnabled { get; set; } = s_deliveryThreadByDefault;

    private static readonly bool s_deliveryThreadByDefault = Environment.GetEnvironmentVariable("ASYNCSYS_DELIVERY_THREAD") != "0";

    /// <summary>Test hook: replaces the look at the pool's activity (<see cref="PoolRunsOtherWork"/>), whose answer depends on every other test running.</summary>
    internal Func<bool>? PoolBusyForTests { get; set; }

    // Completion thread only: the most pool work items seen completed that were not this queue's.
    private long _othersCompleted;

    // Pool work items of this queue started so far.
    private long _workItemsStarted;

    /// <summary>
    /// Completion thread: whether the thread pool ran work other than this queue's since the last look. Its threads are
    /// then awake (each spins for more work after its last item), and a work item costs no wake-up, where waking the
    /// sleeping delivery thread costs a system call and a trip through the scheduler; when the pool is idle, a work
    /// item would make one of its threads spin afterwards, so the delivery thread is woken instead.
    /// </summary>
    /// <remarks>
    /// Measured on 2 cores, quiet machine, alternated with the build before: request-response echo at 32 connections
    /// (its clients' continuations run on the pool, as a server's other work would) went from 1.03-1.04x
    /// System.Net.Sockets at 0.96-0.97x its CPU per request to 0.75-0.93x at 1.07-1.32x when every burst went to the
    /// delivery thread: the extra thread competed with the pool's for the two cores.
    /// </remarks>
    private bool PoolRunsOtherWork()
    {
        if (PoolBusyForTests is { } busy)
        {
            return busy();
        }

        // This queue's own items count from their start, the pool's count from their end: between the two the
        // difference dips by one and comes back, which is no increase over the most seen.
        long others = ThreadPool.CompletedWorkItemCount - Volatile.Read(ref _workItemsStarted);
        if (others <= _othersCompleted)
        {
            return false;
        }

        _othersCompleted = others;
        return true;
    }

    // When the last attempt to start the delivery thread failed (Stopwatch ticks; 0: none failed).
    private long _startRefusedAt;

    /// <summary>Attempts to start the delivery thread that failed (the process could not create a thread; tests, diagnostics).</summary>
    internal long DeliveryThreadStartFailures;

    /// <summary>
    /// Completion thread: starts the delivery thread; false when the process cannot create a thread now (RLIMIT_NPROC,
    /// memory), in which case awaiters go to pool work items and another start is tried a second later.
    /// </summary>
    private bool TryStartDeliveryThread()
    {
        long now = Stopwatch.GetTimestamp();
        if (_startRefusedAt != 0 && now - _startRefusedAt < Stopwatch.Frequency)
        {
            return false;
        }

        Thread thread;
        try
        {
            // Made inside the try: the Thread object's own allocation can fail as its start can, and either way the ring
            // thread must carry on (an exception from here would end it, FailFast).
            thread = new Thread(RunDeliveryThread) { IsBackground = true, Name = _ringName + " delivery" };

            // Published before it starts: the thread may resume awaiters at once, and whoever sees it do so (a test, the
            // owner's WaitForDeliveryThreadToEnd) then finds it here.
            Volatile.Write(ref _thread, thread);
            thread.UnsafeStart();
        }
        catch (Exception ex) when (ex is OutOfMemoryException or ThreadStartException)
        {
            // What Thread.Start throws when pthread_create fails (EAGAIN at the thread limit, ENOMEM) and, on Linux, when
            // no descriptor is left (.NET starts a thread with a pipe of its own and reads /sys/devices/system/cpu/
            // possible): OutOfMemoryException. A start that fails leaves no thread and no descriptor behind (checked with
            // 100 failed starts at 0 and 1 free descriptors, and by the descriptor-exhaustion chaos scenario). Carrying on
            // without the thread loses nothing: the pool's threads exist already.
            Volatile.Write(ref _thread, null); // never ran: the next request tries again (a second later)
            _startRefusedAt = now;
            Interlocked.Increment(ref DeliveryThreadStartFailures);
            return false;
        }

        return true;
    }

    private void RunDeliveryThread()
    {
        t_isDeliveryThread = true;
        Thread self = Thread.CurrentThread;
        string name = self.Name!;
        try
        {
            while (true)
            {
                int resumed = Drain(limited: false);
                if (_closed && _ready.IsEmpty)
                {
                    return;
                }

                UserCodeThread.Reset(self, name); // before it sleeps: what the continuations it ran changed on it
                if (resumed <= SmallBurst && _quickHandOvers >= QuickHandOversBeforeSpinning && AwaitNextBurstAwake())
                {
                    continue;
                }

                bool began = _handOver.TryBeginWait();
                Debug.Assert(began, "only the delivery thread waits on its hand-over");

                // TryBeginWait is a full fence between publishing the wait and looking at the queue (see RequestDrainer).
                bool lookedOnItsOwn = false;
                if (_ready.IsEmpty && !_closed)
                {
                    long asleepAt = Stopwatch.GetTimestamp();
                    _handOver.Wait(IdleLookMicroseconds);
                    lookedOnItsOwn = !_handOver.IsHandedOver;
                    bool quick = !lookedOnItsOwn && Stopwatch.GetTimestamp() - asleepAt < QuickHandOverTicks;
                    _quickHandOvers = quick ? Math.Min(_quickHandOvers + 1, QuickHandOversBeforeSpinning) : 0;
                }

                _handOver.EndWait();
                if (lookedOnItsOwn && !_ready.IsEmpty)
                {
                    // Awaiters queued while it slept that nobody handed over yet: the completion thread's pass may not
                    // have ended, or a signal ended the sleep early. Counted for diagnostics; resumed below either way.
                    Interlocked.Increment(ref WokeToWaitingAwaiters);
                }
            }
        }
        catch (Exception ex) when (!t_inContinuation)
        {
            // A fault here: nothing would resume this ring's awaiters any more. Fail fast, saying where. A continuation's
            // own exception is not caught: unhandled, it ends the process as it would on a pool thread, after the
            // process's UnhandledException handlers ran (a crash reporter, a last log line), which FailFast skips.
            Environment.FailFast($"AsyncSys: the delivery thread of '{_ringName}' failed ({Describe()}): {ex}", ex);
        }
    }

    // Delivery thread only: hand-overs in a row that came soon after it went to sleep. Two of them and it stays awake a
    // little before the next sleep (AwaitNextBurstAwake); a slow one (or finding work while awake fails to) resets it.
    private int _quickHandOvers;
    private const int QuickHandOversBeforeSpinning = 2;
    private const int SmallBurst = 2; // awaiters resumed in the last burst: more, and the thread sleeps at once
    private static readonly long QuickHandOverTicks = Stopwatch.Frequency / 20_000; // 50 µs
    private static readonly long AwakeTicks = Stopwatch.Frequency / 50_000; // 20 µs

    /// <summary>
    /// Delivery thread, when its last hand-overs came within 50 µs of its going to sleep and its last burst was one or
    /// two awaiters (few operations in flight): looks at the queue for up to 20 µs before it sleeps. True when awaiters
    /// came in meanwhile.
    /// </summary>
    /// <remarks>
    /// At one operation in flight every completion came to a sleeping thread: a futex wake and a trip through the
    /// scheduler per operation. Awaited Nop at 1 in flight went from 184k/s (p50 1.9 µs, pool work items caught by pool
    /// threads still spinning from their last one) to 58k/s (p50 15.5 µs). Staying awake after every burst instead cost
    /// awaited Nop at 64 in flight a third to a half of its rate (the thread took each burst's first awaiters while the
    /// ring thread was still reaping the rest); so it stays awake only after small bursts that came back quickly, and
    /// bursts far apart (disk reads) or large ones go to the sleeping thread.
    /// </remarks>
    private bool AwaitNextBurstAwake()
    {
        long end = Stopwatch.GetTimestamp() + AwakeTicks;
        var spinner = default(SpinWait);
        while (!_closed)
        {
            if (!_ready.IsEmpty)
            {
                return true;
            }

            if (Stopwatch.GetTimestamp() >= end)
            {
                _quickHandOvers = 0; // nothing came while awake: sleep straight away until hand-overs come quickly again
                return false;
            }

            spinner.SpinOnce(sleep1Threshold: -1); // spins, then yields: never sleeps
        }

        return false;
    }

    /// <summary>Asks the pool for a work item unless one is already on its way; true when this call asked.</summary>
    private bool RequestWorkItem()
    {
        if (Volatile.Read(ref _requested) == 0 && Interlocked.Exchange(ref _requested, 1) == 0)
        {
            Interlocked.Increment(ref WorkItemsRequested);
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
            return true;
        }

        return false;
    }

    public void Execute()
    {
        // Full fence: from here an Add that finds no work item requested asks for one, and this one looks at the queue
        // after clearing the flag, so nothing queued is left without a thread to run it.
        Interlocked.Exchange(ref _requested, 0);
        if (DeliveryThreadEnabled)
        {
            Interlocked.Increment(ref _workItemsStarted); // read only to choose between the pool and the delivery thread
        }

        Drain(limited: true);
    }

    /// <summary>Resumes queued awaiters until the queue is empty (a pool work item: or <see cref="PerWorkItem"/> of them); returns how many.</summary>
    private int Drain(bool limited)
    {
        Interlocked.Increment(ref _drainers);
        int resumed = 0;
        while (true)
        {
            if ((limited && resumed == PerWorkItem) || !_ready.TryDequeue(out Operation? operation))
            {
                // Full fence (pairs with EndPass): leave the count, then look again, so an awaiter queued while the
                // completion thread still counted this drainer is taken here or gets a drainer there.
                Interlocked.Decrement(ref _drainers);
                if (_ready.IsEmpty)
                {
                    return resumed;
                }

                if (limited && resumed == PerWorkItem)
                {
                    RequestWorkItem(); // other pool work gets its turn; the rest resume on the next work item
                    return resumed;
                }

                Interlocked.Increment(ref _drainers);
                continue;
            }

            Interlocked.Increment(ref _taken);
            resumed++;
            if ((!_lagChecks || _closed) && !_ready.IsEmpty)
            {
                RequestWorkItem(); // no one watches for lag: if this continuation blocks, the rest resume on another thread
            }

            t_inContinuation = true; // an exception from here on is the continuation's (RunDeliveryThread)
            if (!limited)
            {
                _deliveryThreadInContinuation = true; // the owner's WaitForDeliveryThreadToEnd does not wait for user code
            }

            operation.Deliver(runContinuationInline: true);
            if (!limited)
            {
                _deliveryThreadInContinuation = false;
            }

            t_inContinuation = false;
            Interlocked.Decrement(ref _awaiters); // after the continuation ran (and submitted whatever it submits)
        }
    }
}
