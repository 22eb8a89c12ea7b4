using System.Threading;
using AsyncSys.Backends.IoUring;

namespace AsyncSys.Bench.Measurement;

/// <summary>
/// The io_uring ring thread's own counters and the thread pool's work items, read at the start and the end of a
/// window: where the hand-offs of one operation go (io_uring_enter calls, eventfd wake-ups, sleeps, pool work items, wake-ups
/// of the ring's delivery thread).
/// Read without synchronization: diagnostics, a stale value is off by a handful in millions.
/// </summary>
internal readonly record struct RingCounters(long Enters, long Entries, long Wakes, long Sleeps, long WorkItems, int Trips, long HandOvers = 0)
{
    /// <summary>The counters of every io_uring ring in <paramref name="ring"/> (null for other backends).</summary>
    internal static RingCounters? Read(IoRing ring)
    {
        RingCounters sum = default;
        bool any = false;
        for (int i = 0; i < ring.MemberCount; i++)
        {
            if (ring.Member(i).RingBackend is IoUringBackend backend)
            {
                any = true;
                sum = new RingCounters(
                    sum.Enters + Volatile.Read(ref backend.EnterCalls),
                    sum.Entries + Volatile.Read(ref backend.EntriesSubmitted),
                    sum.Wakes + Volatile.Read(ref backend.WakeSignals),
                    sum.Sleeps + Volatile.Read(ref backend.Sleeps),
                    0,
                    sum.Trips + backend.Watchdog.Trips,
                    sum.HandOvers + Interlocked.Read(ref backend.PoolQueue.HandOvers));
            }
        }

        return any ? sum with { WorkItems = ThreadPool.CompletedWorkItemCount } : null;
    }

    public static RingCounters operator -(RingCounters a, RingCounters b) =>
        new(a.Enters - b.Enters, a.Entries - b.Entries, a.Wakes - b.Wakes, a.Sleeps - b.Sleeps, a.WorkItems - b.WorkItems, a.Trips - b.Trips, a.HandOvers - b.HandOvers);

    /// <summary>One line per window, per operation.</summary>
    internal string Describe(long ops)
    {
        double per = ops > 0 ? 1.0 / ops : 0;
        return $"ring thread: {Enters * per:F3} io_uring_enter/op ({(Enters > 0 ? (double)Entries / Enters : 0):F1} SQEs each), "
            + $"{Sleeps * per:F3} waiting enters/op, {Wakes * per:F3} eventfd wakes/op; {WorkItems * per:F3} pool work items/op, {HandOvers * per:F3} delivery thread woken/op; {Trips} watchdog trips";
    }
}
