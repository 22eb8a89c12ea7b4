using System.Collections.Concurrent;
using System.Diagnostics;
using System.Threading;

namespace AsyncSys.Operations;

/// <summary>
/// Finished operations whose awaiters resume on the thread pool: a queue that thread-pool work items drain. Normally
/// one work item drains it at a time; the completion thread adds another when the awaiters queued have waited too
/// long (<see cref="LagTicks"/>): continuations that run long or block, or more than one thread can keep up with.
/// </summary>
/// <remarks>
/// <para>
/// Why one at a time: two or more threads draining the same queue, each resuming awaiters that submit again, fight
/// over the queue, the operation table and the submission queue lock. Measured on 2 cores (awaited Nop, 64 loops):
/// 0.8-0.98 M/s at 1.9-2.4 CPU µs per operation with a new work item asked for before each continuation (so that
/// one that blocks holds up nobody), against 1.4-1.5 M/s at 0.5 µs with one drainer.
/// </para>
/// <para>
/// Why a continuation that blocks still holds up nobody for long: the completion thread looks at the queue after
/// every reaping pass, and while awaiters wait it never sleeps longer than <see cref="LagCheck"/> (its owner asks
/// <see cref="HasWaiting"/>). When awaiters queued at least <see cref="LagTicks"/> ago are still not taken, it asks
/// for another work item, so a continuation that waits synchronously for another operation of the same pass
/// (<c>task.Wait()</c>, <c>.Result</c>) is freed after about that long, and a backlog of slow continuations spreads
/// over more threads, one more per period while it lasts. An owner that cannot bound its sleep gets the older rule:
/// another work item before every continuation while more awaiters wait (<c>lagChecks: false</c>).
/// </para>
/// </remarks>
internal sealed class PoolDelivery : IThreadPoolWorkItem
{
    /// <summary>How long awaiters may wait in the queue, behind a drainer that does not take them, before another is added.</summary>
    internal static readonly long LagTicks = Stopwatch.Frequency / 5_000; // 200 µs

    /// <summary>The longest the completion thread sleeps while awaiters wait here (a little under <see cref="LagTicks"/>).</summary>
    internal static readonly System.TimeSpan LagCheck = System.TimeSpan.FromMicroseconds(150);

    // How many awaiters one work item resumes before it hands the rest to a new one: other pool work gets its turn.
    private const int PerWorkItem = 64;

    // With no drainer running, a pass of completions asks for one after this many, without waiting for the pass to
    // end: the first awaiters resume (and submit again) while the completion thread is still reaping.
    private const int RequestEvery = 8;

    private readonly ConcurrentQueue<Operation> _ready = new();
    private readonly bool _lagChecks;
    private int _requested; // 1 while a work item is queued and has not started
    private int _drainers; // work items running Execute
    private int _awaiters;
    private long _taken; // awaiters taken off the queue so far

    // Completion thread only.
    private int _addedThisPass;
    private long _added;
    private long _checkpointAdded;
    private long _checkpointTime;

    /// <param name="lagChecks">
    /// Whether the owner calls <see cref="EndPass"/> at least every <see cref="LagCheck"/> while <see cref="HasWaiting"/>;
    /// false: a work item is asked for before every continuation while more awaiters wait.
    /// </param>
    internal PoolDelivery(bool lagChecks) => _lagChecks = lagChecks;

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
        $"requested {Volatile.Read(ref _requested)}, work items {Interlocked.Read(ref WorkItemsRequested)}, for lag {Interlocked.Read(ref LagRequests)}, lingering drainer woken {Interlocked.Read(ref LingerWakes)}";

    /// <summary>Work items asked of the thread pool so far (tests, diagnostics).</summary>
    internal long WorkItemsRequested;

    /// <summary>Of those, the ones asked for because awaiters waited too long behind the running ones (tests, diagnostics).</summary>
    internal long LagRequests;

    /// <summary>Completion thread: queues an awaiter to resume on the pool.</summary>
    internal void Add(Operation operation)
    {
        Interlocked.Increment(ref _awaiters);
        _added++;
        _ready.Enqueue(operation);
        if (++_addedThisPass % RequestEvery == 0 && Volatile.Read(ref _drainers) == 0)
        {
            RequestWorkItem();
        }
    }

    /// <summary>
    /// Completion thread, at the end of every reaping pass (also one that found nothing): makes sure what it queued
    /// will run, and adds a work item when awaiters have waited too long.
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

        // Full fence between our enqueues and the read of the drainer count; pairs with the one in Execute between a
        // drainer leaving the count and looking at the queue again: either we see it gone or it sees our awaiters.
        Interlocked.MemoryBarrier();
        if (!_lagChecks || Volatile.Read(ref _drainers) == 0)
        {
            RequestWorkItem();
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
        else if (now - _checkpointTime >= LagTicks)
        {
            if (RequestWorkItem())
            {
                Interlocked.Increment(ref LagRequests);
            }

            _checkpointAdded = _added;
            _checkpointTime = now;
        }
    }

    /// <summary>
    /// Gets a thread to drain the queue: hands it to the drainer that waits for more (see <see cref="Linger"/>) if there is one, else
    /// asks the pool for a work item unless one is already on its way; true when this call woke or asked.
    /// </summary>
    private bool RequestWorkItem()
    {
        if (_handOver.IsHandedOver)
        {
            // Handed the queue already and about to drain it: it looks at the queue after it stops waiting (Linger), so
            // what was queued before this read is taken. A work item now would only find the queue taken and spin.
            return false;
        }

        if (_handOver.IsWaiting && _handOver.TryHandOver())
        {
            Interlocked.Increment(ref LingerWakes);
            return true;
        }

        if (Volatile.Read(ref _requested) == 0 && Interlocked.Exchange(ref _requested, 1) == 0)
        {
            Interlocked.Increment(ref WorkItemsRequested);
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
            return true;
        }

        return false;
    }

    // The drainer that waits for the next awaiters instead of giving its thread back (at most one per queue).
    private readonly DrainerHandOver _handOver = new();

    /// <summary>Times the completion thread handed the queue to the waiting drainer instead of asking for a work item (tests, diagnostics).</summary>
    internal long LingerWakes;

    /// <summary>
    /// How long a drainer that emptied the queue waits for the next awaiters before it gives its pool thread back.
    /// </summary>
    /// <remarks>
    /// Why: a pool thread that runs out of work spins before it sleeps (the pool's semaphore yields the processor over
    /// and over for tens of microseconds), and a ring that completes a burst every few hundred microseconds asked for a
    /// new work item per burst, so a thread spun after every burst. Profiled on 2 cores, 4 KiB O_DIRECT reads at 32 in
    /// flight: 40 % of all CPU samples were pool threads yielding in that spin (12.6-15.3 CPU µs per read against fio's
    /// 5.6, and 7.9 with the spin switched off through DOTNET_ThreadPool_UnfairSemaphoreSpinLimit=0). A drainer that
    /// waits here, asleep rather than spinning, is woken for the next burst by the completion thread. It waits only
    /// when no other pool work is queued, one drainer per ring, and at most this long, so it never holds a thread the
    /// pool needs for long.
    /// </remarks>
    internal const int LingerMicroseconds = 1000;

    /// <summary>
    /// Called by a drainer that found the queue empty: unless other pool work waits, waits up to
    /// <see cref="LingerMicroseconds"/> for the completion thread to hand it more awaiters. True when it should drain again.
    /// </summary>
    private bool Linger()
    {
        if (!_lagChecks || !DrainerHandOver.IsSupported || ThreadPool.PendingWorkItemCount > 0)
        {
            return false; // no one would notice a drainer that blocks here; or other work wants this thread
        }

        if (!_handOver.TryBeginWait())
        {
            return false; // another drainer waits already
        }

        // TryBeginWait is a full fence between publishing the wait and looking at the queue; it pairs with the
        // completion thread's fence between its enqueue and its look at the wait (RequestWorkItem): either it sees this
        // drainer waiting and hands over, or this look sees what it queued.
        if (_ready.IsEmpty)
        {
            _handOver.Wait(LingerMicroseconds);
        }

        // Full fence again: what the completion thread queued while it saw this drainer waiting or handed over, it left
        // to this drainer, and the look below sees it.
        _handOver.EndWait();
        return !_ready.IsEmpty;
    }

    public void Execute()
    {
        // Full fence: from here an Add that finds no work item requested asks for one, and this one looks at the queue
        // after clearing the flag, so nothing queued is left without a thread to run it.
        Interlocked.Exchange(ref _requested, 0);
        while (Drain() && Linger())
        {
        }
    }

    /// <summary>Resumes queued awaiters; true when it stopped because the queue was empty (not at its turn's end).</summary>
    private bool Drain()
    {
        Interlocked.Increment(ref _drainers);
        int resumed = 0;
        while (true)
        {
            if (resumed == PerWorkItem || !_ready.TryDequeue(out Operation? operation))
            {
                // Full fence (pairs with EndPass): leave the count, then look again, so an awaiter queued while the
                // completion thread still counted this drainer is taken here or gets a work item there.
                Interlocked.Decrement(ref _drainers);
                if (_ready.IsEmpty)
                {
                    return resumed < PerWorkItem;
                }

                if (resumed == PerWorkItem)
                {
                    RequestWorkItem(); // other pool work gets its turn; the rest resume on the next work item
                    return false;
                }

                Interlocked.Increment(ref _drainers);
                continue;
            }

            Interlocked.Increment(ref _taken);
            resumed++;
            if (!_lagChecks && !_ready.IsEmpty)
            {
                RequestWorkItem(); // no one watches for lag: if this continuation blocks, the rest resume on another thread
            }

            operation.Deliver(runContinuationInline: true);
            Interlocked.Decrement(ref _awaiters); // after the continuation ran (and submitted whatever it submits)
        }
    }
}
