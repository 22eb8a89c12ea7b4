using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys.Backends.IoUring;
using AsyncSys.Backends.LinuxAio;
using AsyncSys.Operations;

namespace AsyncSys.Runtime.Tests.Reliability;

/// <summary>
/// Awaiters resumed on the thread pool must not wait behind one another for long: a continuation that blocks (here,
/// waiting synchronously for an operation that finished in the same reaping pass, a sync-over-async habit of older
/// code) must not hold up the awaiters resumed after it. With fixed batches of 8 per work item it did: the operation it
/// waited for was next in its own batch, on its own thread, and the wait never ended (36 rounds in 50 hit the 2 s
/// timeout). Now one work item drains the queue at a time and the completion thread adds another when awaiters wait too
/// long behind it (<see cref="PoolDelivery"/>); a ring that cannot bound its sleep (io_uring without EXT_ARG waits)
/// keeps asking for a work item before every continuation.
/// </summary>
public sealed class PoolDeliveryTests
{
    public enum Ring
    {
        IoUring,
        IoUringWithoutTimedWaits,
        LinuxAio,
    }

    private static IoRing Create(Ring kind, string name) => kind switch
    {
        Ring.IoUring => Backends.Create(IoBackend.IoUring, capacity: 64, name: name),
        Ring.LinuxAio => Backends.Create(IoBackend.LinuxAio, capacity: 64, name: name),
        _ => IoRing.Create(new IoRingOptions
        {
            Backend = IoBackend.IoUring,
            Capacity = 64,
            Name = name,
            KernelFeatures = IoUringKernelFeatures.Default & ~IoUringKernelFeatures.ExtArgWait,
        }),
    };

    private static PoolDelivery PoolQueue(IoRing ring) => ring.RingBackend switch
    {
        IoUringBackend uring => uring.PoolQueue,
        LinuxAioBackend aio => aio.PoolQueue,
        var other => throw new InvalidOperationException($"no pool queue on {other.GetType().Name}"),
    };

    [Theory]
    [InlineData(Ring.IoUring)]
    [InlineData(Ring.IoUringWithoutTimedWaits)]
    [InlineData(Ring.LinuxAio)]
    public async Task A_continuation_waiting_synchronously_for_an_operation_of_the_same_pass_is_not_left_waiting(Ring kind)
    {
        using IoRing ring = Create(kind, "pool-delivery-" + kind);
        int waitedInVain = 0;
        for (int round = 0; round < 30; round++)
        {
            // Sixteen polls of one empty pipe, every awaiter registered before the byte that ends them all at once;
            // the one in the middle, once resumed, waits synchronously for the other fifteen operations. Whichever
            // order the kernel completes them in (first or last registered first), it resumes before some of them.
            using var pipe = new Pipe();
            var others = new List<Task>();
            Task waiter = Task.CompletedTask;
            for (int i = 0; i < 16; i++)
            {
                ValueTask<PollEvents> poll = ring.PollAsync(pipe.ReadFd, PollEvents.In);
                if (i == 7)
                {
                    waiter = WaitForTheOthersWhenResumed(poll);
                }
                else
                {
                    others.Add(poll.AsTask());
                }
            }

            pipe.Write(new byte[] { 1 });
            await ReliabilityAssert.Within(Task.WhenAll(others.Append(waiter)), $"round {round}");

            async Task WaitForTheOthersWhenResumed(ValueTask<PollEvents> mine)
            {
                await mine; // resumes on a pool thread, among the others' awaiters
                if (!Task.WaitAll(others.ToArray(), TimeSpan.FromSeconds(5)))
                {
                    Interlocked.Increment(ref waitedInVain);
                    Task.WaitAll(others.ToArray()); // they finish once this thread lets go: no operation is lost either way
                }
            }
        }

        Assert.Equal(0, waitedInVain);
        Assert.Equal(0, ring.InFlightCount);

        // Which rule freed them: with timed waits, the completion thread's look at the queue (nothing else adds a
        // second work item while one runs); without, a work item asked for before each continuation.
        long lagRequests = Interlocked.Read(ref PoolQueue(ring).LagRequests);
        if (kind == Ring.IoUringWithoutTimedWaits)
        {
            Assert.Equal(0, lagRequests);
        }
        else
        {
            Assert.True(lagRequests > 0, "the awaiters behind the blocked continuation were freed by something other than the lag check");
        }
    }

    [Theory]
    [InlineData(Ring.IoUring)]
    [InlineData(Ring.IoUringWithoutTimedWaits)]
    [InlineData(Ring.LinuxAio)]
    public async Task A_backlog_of_long_continuations_spreads_over_more_than_one_pool_thread(Ring kind)
    {
        // Threads for the extra work items to run on at once: the pool's own injection (after half a second of
        // starvation) is not what this test is about. The minimum is process-wide (every test class of this project runs
        // in this process), so it is put back afterwards.
        ThreadPool.GetMinThreads(out int minWorkers, out int minIo);
        ThreadPool.SetMinThreads(Math.Max(minWorkers, 12), minIo);
        try
        {
            using IoRing ring = Create(kind, "pool-backlog-" + kind);
            int running = 0;
            int mostAtOnce = 0;
            var threads = new HashSet<int>();
            await ReliabilityAssert.Within(Task.Run(async () =>
            {
                // Eight polls of one empty pipe, every awaiter registered before the byte that ends them all at once, each
                // awaiter then busy for a while on its pool thread.
                using var pipe = new Pipe();
                ValueTask<PollEvents>[] polls = Enumerable.Range(0, 8).Select(_ => ring.PollAsync(pipe.ReadFd, PollEvents.In)).ToArray();
                Task all = Task.WhenAll(polls.Select(async poll =>
                {
                    await poll;
                    int now = Interlocked.Increment(ref running);
                    InterlockedMax(ref mostAtOnce, now);
                    lock (threads)
                    {
                        threads.Add(Environment.CurrentManagedThreadId);
                    }

                    Thread.Sleep(100); // a continuation that blocks its thread
                    Interlocked.Decrement(ref running);
                }));
                pipe.Write(new byte[] { 1 });
                await all;
            }), "eight long continuations");

            PoolDelivery queue = PoolQueue(ring);
            Assert.True(mostAtOnce >= 2, $"the long continuations ran one after another ({threads.Count} threads; {queue.Describe()})");
            Assert.True(Interlocked.Read(ref queue.WorkItemsRequested) >= 2, queue.Describe());
            if (kind != Ring.IoUringWithoutTimedWaits)
            {
                Assert.True(Interlocked.Read(ref queue.LagRequests) >= 1, "a second work item came from something other than the lag check: " + queue.Describe());
            }
            Assert.Equal(0, ring.InFlightCount);
        }
        finally
        {
            ThreadPool.SetMinThreads(minWorkers, minIo);
        }
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }

    [Theory]
    [InlineData(Ring.IoUring)]
    [InlineData(Ring.IoUringWithoutTimedWaits)]
    [InlineData(Ring.LinuxAio)]
    public async Task A_drainer_that_emptied_the_queue_takes_the_next_completions_instead_of_a_new_work_item(Ring kind)
    {
        // One loop of polls, each ended by a byte written right after it was submitted: every completion comes within
        // microseconds of the continuation before it, while the drainer that ran that continuation waits for more
        // (PoolDelivery.Linger). Other tests of this process queue pool work at times, and a drainer never waits then:
        // so the loop runs until one hand-over was seen (or 5 s).
        using IoRing ring = Create(kind, "pool-linger-" + kind);
        PoolDelivery queue = PoolQueue(ring);
        using var pipe = new Pipe();
        int polls = 0;
        await ReliabilityAssert.Within(Task.Run(async () =>
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            while (clock.Elapsed < TimeSpan.FromSeconds(5) && (polls < 200 || Interlocked.Read(ref queue.LingerWakes) == 0))
            {
                ValueTask<PollEvents> poll = ring.PollAsync(pipe.ReadFd, PollEvents.In);
                pipe.Write(new byte[] { 1 });
                Assert.Equal(PollEvents.In, await poll & PollEvents.In);
                Assert.Equal(new byte[] { 1 }, pipe.Read(1));
                polls++;
            }
        }), "polls handed to the lingering drainer");

        long wakes = Interlocked.Read(ref queue.LingerWakes);
        if (kind == Ring.IoUringWithoutTimedWaits)
        {
            // A drainer that blocks unseen would hold up the awaiters queued behind it: with no lag check, none waits.
            Assert.Equal(0, wakes);
        }
        else
        {
            Assert.True(wakes > 0, $"{polls} polls, none handed to a waiting drainer: {queue.Describe()}");
        }

        Assert.True(SpinWait.SpinUntil(() => queue.Awaiters == 0, TimeSpan.FromSeconds(5)), queue.Describe());
        Assert.Equal(0, ring.InFlightCount);
    }

    [Theory]
    [InlineData(Ring.IoUring)]
    [InlineData(Ring.LinuxAio)]
    public async Task Completions_that_arrive_as_the_lingering_drainer_gives_up_each_resume_once(Ring kind)
    {
        // Gaps of about the drainer's wait (a 1 ms timer) between an awaiter and its next operation: completions land
        // just before, at and just after the moment the waiting drainer gives its thread back. None may be left in the
        // queue without a thread, and none may resume twice.
        using IoRing ring = Create(kind, "pool-linger-edge-" + kind);
        const int Loops = 8;
        const int PerLoop = 150;
        long resumed = 0;
        await ReliabilityAssert.Within(Task.WhenAll(Enumerable.Range(0, Loops).Select(loop => Task.Run(async () =>
        {
            using var pipe = new Pipe();
            for (int i = 0; i < PerLoop; i++)
            {
                ValueTask<PollEvents> poll = ring.PollAsync(pipe.ReadFd, PollEvents.In);
                pipe.Write(new byte[] { (byte)i });
                await poll;
                Interlocked.Increment(ref resumed);
                Assert.Equal(new[] { (byte)i }, pipe.Read(1));
                if ((i + loop) % 3 != 0)
                {
                    await Task.Delay(1); // the next poll is submitted from a timer about a millisecond later
                }
            }
        }))), $"{Loops} loops of {PerLoop} polls with pauses");

        Assert.Equal(Loops * PerLoop, Interlocked.Read(ref resumed));
        PoolDelivery queue = PoolQueue(ring);
        Assert.True(SpinWait.SpinUntil(() => queue.Awaiters == 0, TimeSpan.FromSeconds(5)), queue.Describe());
        Assert.Equal(0, ring.InFlightCount);
    }

    [Fact]
    public async Task Many_awaiters_resumed_on_the_pool_each_resume_once()
    {
        using IoRing ring = Backends.Create(IoBackend.IoUring, capacity: 256, name: "pool-delivery-count");
        long resumed = 0;
        await ReliabilityAssert.Within(Task.WhenAll(Enumerable.Range(0, 128).Select(_ => Task.Run(async () =>
        {
            for (int i = 0; i < 500; i++)
            {
                await ring.NopAsync();
                Interlocked.Increment(ref resumed);
            }
        }))), "128 loops of 500 Nops");
        Assert.Equal(128 * 500, Interlocked.Read(ref resumed));
        // The count drops after each continuation has returned, which can be just after the loops were seen done.
        var backend = (AsyncSys.Backends.IoUring.IoUringBackend)ring.RingBackend;
        Assert.True(SpinWait.SpinUntil(() => backend.AwaitersOnPool == 0, TimeSpan.FromSeconds(5)), $"{backend.AwaitersOnPool} awaiters still counted on the pool");
    }
}
