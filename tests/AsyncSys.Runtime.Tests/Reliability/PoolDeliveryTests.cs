using System;
using System.Collections.Generic;
using System.IO;
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

    private static IoRing Create(Ring kind, string name, int capacity = 64) => kind switch
    {
        Ring.IoUring => Backends.Create(IoBackend.IoUring, capacity: capacity, name: name),
        Ring.LinuxAio => Backends.Create(IoBackend.LinuxAio, capacity: capacity, name: name),
        _ => IoRing.Create(new IoRingOptions
        {
            Backend = IoBackend.IoUring,
            Capacity = capacity,
            Name = name,
            KernelFeatures = IoUringKernelFeatures.Default & ~IoUringKernelFeatures.ExtArgWait,
        }),
    };

    private static PoolDelivery PoolQueue(IoRing ring)
    {
        PoolDelivery queue = ring.RingBackend switch
        {
            IoUringBackend uring => uring.PoolQueue,
            LinuxAioBackend aio => aio.PoolQueue,
            var other => throw new InvalidOperationException($"no pool queue on {other.GetType().Name}"),
        };

        // Off with ASYNCSYS_DELIVERY_THREAD=0 (PoolDelivery.DeliveryThreadEnabled): these tests check it, so they switch it on.
        queue.DeliveryThreadEnabled = true;
        return queue;
    }

    [Theory]
    [InlineData(Ring.IoUring, 16)]
    [InlineData(Ring.IoUringWithoutTimedWaits, 16)]
    [InlineData(Ring.LinuxAio, 16)]
    [InlineData(Ring.IoUring, 160)] // past the 64th awaiter of a pass, which wakes a drainer before the pass ends
    [InlineData(Ring.IoUringWithoutTimedWaits, 160)]
    [InlineData(Ring.LinuxAio, 160)]
    public async Task A_continuation_waiting_synchronously_for_an_operation_of_the_same_pass_is_not_left_waiting(Ring kind, int polls)
    {
        using IoRing ring = Create(kind, "pool-delivery-" + kind + "-" + polls, capacity: polls <= 64 ? 64 : 256);
        int waitedInVain = 0;
        for (int round = 0; round < 30; round++)
        {
            // Polls of one empty pipe, every awaiter registered before the byte that ends them all at once; the one in
            // the middle, once resumed, waits synchronously for all the other operations. Whichever order the kernel
            // completes them in (first or last registered first), it resumes before some of them: with 160, on the
            // drainer woken after the pass's 64th awaiter, while the completion thread still reaps the rest.
            using var pipe = new Pipe();
            var others = new List<Task>();
            Task waiter = Task.CompletedTask;
            for (int i = 0; i < polls; i++)
            {
                ValueTask<PollEvents> poll = ring.PollAsync(pipe.ReadFd, PollEvents.In);
                if (i == (polls / 2) - 1)
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
    public async Task Awaiters_resume_on_the_rings_delivery_thread_which_sleeps_between_bursts(Ring kind)
    {
        // One loop of polls, each submitted and ended by a byte about a millisecond after the loop's last resumption (a
        // timer): the delivery thread resumes the loop, goes to sleep once it has stayed awake a little with nothing to
        // do, and is handed the next completion by the completion thread.
        using IoRing ring = Create(kind, "pool-handover-" + kind);
        PoolDelivery queue = PoolQueue(ring);
        queue.PoolBusyForTests = static () => false; // an idle pool (the tests beside this one keep the real one busy)
        using var pipe = new Pipe();
        var threadNames = new HashSet<string?>();
        await ReliabilityAssert.Within(Task.Run(async () =>
        {
            for (int i = 0; i < 50; i++)
            {
                await Task.Delay(1);
                ValueTask<PollEvents> poll = ring.PollAsync(pipe.ReadFd, PollEvents.In);
                pipe.Write(new byte[] { 1 });
                Assert.Equal(PollEvents.In, await poll & PollEvents.In);
                threadNames.Add(Thread.CurrentThread.Name);
                Assert.Equal(new byte[] { 1 }, pipe.Read(1));
            }
        }), "50 polls");

        long handOvers = Interlocked.Read(ref queue.HandOvers);
        if (kind == Ring.IoUringWithoutTimedWaits)
        {
            // A delivery thread blocked in a continuation would hold up the awaiters behind it, and with no lag check
            // nobody would notice: pool work items only.
            Assert.Null(queue.DeliveryThread);
            Assert.Equal(0, handOvers);
            Assert.DoesNotContain(threadNames, name => name?.EndsWith(" delivery", StringComparison.Ordinal) == true);
        }
        else
        {
            Assert.NotNull(queue.DeliveryThread);
            Assert.Contains("pool-handover-" + kind + " delivery", threadNames);
            Assert.True(handOvers > 0, $"50 polls, none handed to the sleeping delivery thread: {queue.Describe()}");
            Assert.Equal(0, Interlocked.Read(ref queue.WorkItemsRequested)); // no continuation blocked: no lag, no work item
        }

        Assert.True(SpinWait.SpinUntil(() => queue.Awaiters == 0, TimeSpan.FromSeconds(5)), queue.Describe());
        Assert.Equal(0, ring.InFlightCount);
    }

    [Theory]
    [InlineData(Ring.IoUring)]
    [InlineData(Ring.LinuxAio)]
    public async Task While_the_pool_runs_other_work_awaiters_resume_on_pool_work_items_and_no_thread_is_started(Ring kind)
    {
        // The pool's threads are awake then: a work item costs no wake-up, where the delivery thread would need one.
        using IoRing ring = Create(kind, "pool-busy-" + kind);
        PoolDelivery queue = PoolQueue(ring);
        queue.PoolBusyForTests = static () => true;
        using var pipe = new Pipe();
        var onPool = 0;
        var onDeliveryThread = 0;
        await ReliabilityAssert.Within(Task.Run(async () =>
        {
            for (int i = 0; i < 50; i++)
            {
                await Task.Delay(1);
                ValueTask<PollEvents> poll = ring.PollAsync(pipe.ReadFd, PollEvents.In);
                pipe.Write(new byte[] { 1 });
                Assert.Equal(PollEvents.In, await poll & PollEvents.In);
                onPool += Thread.CurrentThread.IsThreadPoolThread ? 1 : 0;
                onDeliveryThread += PoolDelivery.IsDeliveryThread ? 1 : 0;
                Assert.Equal(new byte[] { 1 }, pipe.Read(1));
            }
        }), "50 polls");

        // A work item that had not started after a millisecond (the pool loaded by the tests beside this one) sends its
        // awaiters to the delivery thread (Awaiters_whose_pool_work_item_does_not_start_resume_on_the_delivery_thread).
        Assert.Equal(50, onPool + onDeliveryThread);
        if (Interlocked.Read(ref queue.LateWorkItems) == 0)
        {
            Assert.Equal(0, onDeliveryThread);
            Assert.Null(queue.DeliveryThread);
            Assert.Equal(0, Interlocked.Read(ref queue.HandOvers));
        }

        Assert.True(Interlocked.Read(ref queue.WorkItemsRequested) > 0, queue.Describe());
        Assert.Equal(0, ring.InFlightCount);
    }

    [Theory]
    [InlineData(Ring.IoUring)]
    [InlineData(Ring.LinuxAio)]
    public async Task Completions_that_arrive_as_the_delivery_thread_falls_asleep_each_resume_once(Ring kind)
    {
        // Pauses of about a millisecond (a timer) between an awaiter and its next operation, at eight loops: completions
        // land just before, as and just after the delivery thread goes to sleep. None may be left in the queue without a
        // thread, and none may resume twice.
        using IoRing ring = Create(kind, "pool-handover-edge-" + kind);
        PoolQueue(ring).PoolBusyForTests = static () => false; // every burst to the delivery thread, asleep or not
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

    [Theory]
    [InlineData(Ring.IoUring)]
    [InlineData(Ring.LinuxAio)]
    public async Task Dispose_ends_the_delivery_thread(Ring kind)
    {
        IoRing ring = Create(kind, "pool-handover-end-" + kind);
        PoolQueue(ring).PoolBusyForTests = static () => false;
        using (var pipe = new Pipe())
        {
            // An awaiter registered before its poll completes is resumed through the queue (one registered after finds it
            // done and resumes nowhere): the first such resumption starts the delivery thread.
            await ReliabilityAssert.Within(Task.Run(async () =>
            {
                for (int i = 0; i < 200 && PoolQueue(ring).DeliveryThread is null; i++)
                {
                    Task<PollEvents> poll = ring.PollAsync(pipe.ReadFd, PollEvents.In).AsTask();
                    pipe.Write(new byte[] { 1 });
                    await poll;
                    Assert.Equal(new byte[] { 1 }, pipe.Read(1));
                }
            }), "polls until one was resumed through the queue");
        }

        Thread? delivery = PoolQueue(ring).DeliveryThread;
        Assert.NotNull(delivery);

        // From a pool thread once no continuation runs: this test's own code may have resumed on the delivery thread, and
        // Dispose does not wait for a continuation. Then not "soon after": when Dispose returns. It used to return as soon
        // as the completion thread had ended, with the delivery thread only just woken to end, so a count of the ring's
        // threads right after Dispose found it.
        bool aliveAfterDispose = await Task.Run(() =>
        {
            Assert.True(SpinWait.SpinUntil(() => PoolQueue(ring).Awaiters == 0, ReliabilityAssert.Bound), PoolQueue(ring).Describe());
            ring.Dispose();
            return delivery!.IsAlive;
        });
        Assert.False(aliveAfterDispose, $"the delivery thread outlived Dispose ({PoolQueue(ring).Describe()})");
    }

    [Theory]
    [InlineData(Ring.IoUring)]
    [InlineData(Ring.LinuxAio)]
    public async Task Dispose_does_not_wait_for_a_continuation_running_on_the_delivery_thread_which_ends_after_it(Ring kind)
    {
        // Dispose waits for the delivery thread to end, but not for user code on it: this continuation waits for Dispose
        // to have returned, as one that waits for the task disposing the ring would. Waiting for it would never end.
        IoRing ring = Create(kind, "delivery-busy-at-dispose-" + kind);
        PoolDelivery queue = PoolQueue(ring);
        queue.PoolBusyForTests = static () => false;
        using var pipe = new Pipe();
        using var blocked = new ManualResetEventSlim(false);
        using var disposed = new ManualResetEventSlim(false);
        Task loop = Task.Run(async () =>
        {
            for (int i = 0; i < 200; i++)
            {
                ValueTask<PollEvents> poll = ring.PollAsync(pipe.ReadFd, PollEvents.In);
                pipe.Write(new byte[] { 1 });
                await poll;
                Assert.Equal(new byte[] { 1 }, pipe.Read(1));
                if (PoolDelivery.IsDeliveryThread)
                {
                    blocked.Set();
                    Assert.True(disposed.Wait(ReliabilityAssert.Bound), "Dispose did not return while this continuation waited for it");
                    return;
                }
            }

            Assert.Fail($"200 polls, none resumed on the delivery thread: {queue.Describe()}");
        });

        await ReliabilityAssert.Within(Task.WhenAny(loop, Task.Run(() => blocked.Wait(ReliabilityAssert.Bound))), "a continuation blocked on the delivery thread");
        Assert.True(blocked.IsSet, $"no continuation blocked on the delivery thread: {loop.Exception}");
        Thread delivery = queue.DeliveryThread!;
        await ReliabilityAssert.Within(Task.Run(ring.Dispose), "Dispose with a continuation running on the delivery thread");
        Assert.True(delivery.IsAlive, "the delivery thread ended while its continuation was still waiting");
        disposed.Set();
        await ReliabilityAssert.Within(loop, "the continuation once Dispose had returned");

        // On a pool thread: this test's own code may have resumed on the delivery thread (awaiters resume there), and
        // would wait for itself.
        Assert.True(await Task.Run(() => delivery.Join(ReliabilityAssert.Bound)), $"the delivery thread did not end after its last continuation: {queue.Describe()}");
    }

    [Theory]
    [InlineData(Ring.IoUring, false)]
    [InlineData(Ring.IoUring, true)]
    [InlineData(Ring.LinuxAio, false)]
    public async Task Awaiters_queued_behind_a_blocked_continuation_when_the_ring_ends_still_resume(Ring kind, bool poolBusy)
    {
        // Dispose ends sixteen polls at once; the awaiter in the middle, once resumed, waits synchronously for the other
        // fifteen. The completion thread ends a few microseconds later, before its lag check (200 µs) would have added a
        // pool work item for the awaiters queued behind the blocked one: nothing else resumed them until it gave up.
        int waitedInVain = 0;
        for (int round = 0; round < 4; round++)
        {
            await ReliabilityAssert.Within(Task.Run(Round), $"round {round}"); // off the test framework's context
            Assert.Equal(0, Volatile.Read(ref waitedInVain));
        }

        async Task Round()
        {
            IoRing ring = Create(kind, $"pool-end-blocked-{kind}-{poolBusy}");
            PoolQueue(ring).PoolBusyForTests = poolBusy ? static () => true : static () => false;
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
                    others.Add(EndsDisposed(poll));
                }
            }

            ring.Dispose();
            await Task.WhenAll(others.Append(waiter));

            async Task WaitForTheOthersWhenResumed(ValueTask<PollEvents> mine)
            {
                try
                {
                    await mine; // resumes on a drainer, among the others' awaiters
                    Assert.Fail("a poll of an empty pipe ended without Dispose");
                }
                catch (ObjectDisposedException)
                {
                }

                if (!Task.WaitAll(others.ToArray(), TimeSpan.FromSeconds(3)))
                {
                    Interlocked.Increment(ref waitedInVain); // they resume once this thread lets go
                }
            }
        }

        static async Task EndsDisposed(ValueTask<PollEvents> poll)
        {
            try
            {
                await poll;
                Assert.Fail("a poll of an empty pipe ended without Dispose");
            }
            catch (ObjectDisposedException)
            {
            }
        }
    }

    [Theory]
    [InlineData(Ring.IoUring)]
    [InlineData(Ring.LinuxAio)]
    public async Task A_continuation_on_the_delivery_thread_that_disposes_its_own_ring_returns_and_the_thread_ends(Ring kind)
    {
        // Dispose waits for the ring's completions (not for its awaiters to resume): the completion thread delivers the
        // pending poll's cancellation while the delivery thread is inside Dispose, and ends; the delivery thread then
        // resumes that awaiter and ends too.
        IoRing ring = Create(kind, "delivery-disposes-" + kind);
        PoolDelivery queue = PoolQueue(ring);
        queue.PoolBusyForTests = static () => false;
        using var pipe = new Pipe();
        using var idle = new Pipe();
        bool disposedOnDeliveryThread = false;
        Task pending = Task.CompletedTask;
        await ReliabilityAssert.Within(Task.Run(async () =>
        {
            pending = ring.PollAsync(idle.ReadFd, PollEvents.In).AsTask();
            for (int i = 0; i < 200 && !disposedOnDeliveryThread; i++)
            {
                ValueTask<PollEvents> poll = ring.PollAsync(pipe.ReadFd, PollEvents.In);
                pipe.Write(new byte[] { 1 });
                await poll;
                Assert.Equal(new byte[] { 1 }, pipe.Read(1));
                if (PoolDelivery.IsDeliveryThread)
                {
                    ring.Dispose();
                    disposedOnDeliveryThread = true;
                }
            }
        }), "polls until one resumed on the delivery thread, which disposed the ring");

        Assert.True(disposedOnDeliveryThread, queue.Describe());
        await Assert.ThrowsAsync<ObjectDisposedException>(() => ReliabilityAssert.Within(pending, "the pending poll"));
        // From a pool thread: this test's code may have resumed on the delivery thread itself.
        await Task.Run(() => ReliabilityAssert.Joins(queue.DeliveryThread!, "the delivery thread after its ring was disposed"));
        Assert.Equal(0, ring.InFlightCount);
    }

    [Fact]
    public async Task A_continuation_that_makes_the_delivery_thread_a_foreground_thread_does_not_keep_the_process_alive()
    {
        // The pool puts its thread back (background, normal priority) after each work item; a continuation on the delivery
        // thread of a ring that lives as long as the process (IoRing.Shared, or one never disposed) has no such reset, and
        // the runtime waits for foreground threads before the process exits. The child is this assembly (Program.Main).
        Cli.Result result = await RunChildAsync(ForegroundChild, TimeSpan.FromSeconds(60));
        Assert.True(result.ExitCode == 0, result.Describe());
        Assert.Contains(ChildReturns, result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_continuation_that_throws_on_the_delivery_thread_ends_the_process_as_on_a_pool_thread()
    {
        // On a pool thread the exception is unhandled: the process's UnhandledException handlers run (a crash reporter, a
        // last log line), then it ends. The delivery thread failed fast instead, and the handlers never ran.
        Cli.Result result = await RunChildAsync(ThrowingChild, TimeSpan.FromSeconds(60));
        Assert.True(result.ExitCode is not 0 and not 2 and not 3, result.Describe());
        Assert.Contains("child: UnhandledException: " + ThrownMessage, result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(StillAlive, result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Awaiters_whose_pool_work_item_does_not_start_resume_on_the_delivery_thread()
    {
        // The completion thread sends a burst to a pool work item while the pool runs other work; when that work item does
        // not start (the pool's threads all blocked at its maximum, or a deep backlog of other work), the lag check did
        // not apply (no drainer ran) and the delivery thread, idle, was never started or handed the awaiters. A child
        // process: it blocks every thread of its own pool.
        Cli.Result result = await RunChildAsync(StarvedPoolChild, TimeSpan.FromSeconds(60));
        Assert.True(result.ExitCode == 0, result.Describe());
        Assert.Contains(ResumedWhilePoolBlocked, result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_delivery_thread_that_cannot_start_for_want_of_descriptors_leaves_nothing_behind_and_starts_once_they_are_back()
    {
        // .NET starts a thread with a pipe of its own: with no descriptor left, Thread.Start throws OutOfMemoryException.
        // The ring's awaiters then resume on pool work items; the failed start must leave no thread and no descriptor, and
        // the thread starts on a later burst once descriptors are free (a second after the refusal). A child process: it
        // lowers its own RLIMIT_NOFILE and takes every descriptor.
        Cli.Result result = await RunChildAsync(NoDescriptorChild, TimeSpan.FromSeconds(90));
        Assert.True(result.ExitCode == 0, result.Describe());
        Assert.Contains(RefusedThenStarted, result.Output, StringComparison.Ordinal);
    }

    /// <summary>Runs this assembly as a child process (Program.Main) in <paramref name="scenario"/>.</summary>
    private static Task<Cli.Result> RunChildAsync(string scenario, TimeSpan timeout) =>
        Cli.DotnetAsync(Path.GetTempPath(), timeout, null, typeof(Program).Assembly.Location, "child", scenario);

    internal const string NoDescriptorChild = "delivery:no-descriptors";
    private const string RefusedThenStarted = "child: refused with no descriptor left, nothing left behind, started once they were back";

    private static int RunNoDescriptorChild()
    {
        // Every pool thread this child uses exists before no descriptor is left (the pool cannot start one then either).
        Hostile.Round5.PreparePool(4);
        var pipe = new Pipe();

        // Everything run below with no descriptor left runs once before: assemblies and resources are opened lazily.
        using (IoRing warm = Create(Ring.IoUring, "nofd-warm-up"))
        {
            PoolQueue(warm).PoolBusyForTests = static () => false;
            _ = PollsUntil(warm, pipe, 50, () => PoolQueue(warm).DeliveryThread is not null);
        }

        _ = new OutOfMemoryException().Message;
        IoRing ring = Create(Ring.IoUring, "nofd");
        PoolDelivery queue = PoolQueue(ring);
        queue.PoolBusyForTests = static () => false; // every burst asks for the delivery thread
        int highest = Hostile.Round5.HighestFd(); // before the baseline: what a first call loads (an assembly: two descriptors) is not "left"
        string[] listBefore = Listing();
        int fdsBefore = listBefore.Length;

        ulong limit = Hostile.Round5.SetNoFile((ulong)highest + 16);
        var filler = new List<int>();
        for (int fd; (fd = Hostile.Sys.open("/dev/null", Hostile.Sys.O_RDONLY | Hostile.Sys.O_CLOEXEC, 0)) >= 0;)
        {
            filler.Add(fd);
        }

        string limited = PollsUntil(ring, pipe, 20, static () => false);
        long failures = Interlocked.Read(ref queue.DeliveryThreadStartFailures);
        Thread? startedWithout = queue.DeliveryThread;
        filler.ForEach(fd => Hostile.Sys.close(fd));
        Hostile.Round5.SetNoFile(limit);

        Thread.Sleep(1100); // a start is tried again a second after a refusal
        string released = PollsUntil(ring, pipe, 200, () => queue.DeliveryThread is not null);
        Thread? started = queue.DeliveryThread;
        string counters = queue.Describe();
        ring.Dispose();
        int fdsAfter = Descriptors();
        for (int i = 0; i < 500 && fdsAfter > fdsBefore; i++)
        {
            Thread.Sleep(20); // a thread of the process that is starting holds its pipe for a moment
            fdsAfter = Descriptors();
        }

        var problems = new List<string>();
        if (limited != "ok" || released != "ok")
        {
            problems.Add($"polls with no descriptor left: {limited}; once they were back: {released}");
        }

        if (failures == 0 || startedWithout is not null)
        {
            problems.Add($"no refused start with no descriptor left ({failures} failures, thread {startedWithout?.Name ?? "none"})");
        }

        if (started is null)
        {
            problems.Add("the delivery thread did not start once descriptors were back");
        }
        else if (started.IsAlive)
        {
            problems.Add("the delivery thread outlived Dispose");
        }

        if (fdsAfter > fdsBefore)
        {
            problems.Add($"descriptors: {fdsBefore} before, {fdsAfter} after, new: {string.Join(", ", Listing().Except(listBefore))}");
        }

        Console.WriteLine(problems.Count == 0 ? RefusedThenStarted : "child: DEFECT: " + string.Join("; ", problems) + $" ({counters})");
        return problems.Count == 0 ? 0 : 3;

        static int Descriptors() => Directory.GetFileSystemEntries("/proc/self/fd").Length;
        static string[] Listing() => Directory.GetFileSystemEntries("/proc/self/fd").Select(f => Path.GetFileName(f) + " -> " + (new FileInfo(f).LinkTarget ?? "?")).ToArray();
    }

    /// <summary>
    /// Polls of <paramref name="pipe"/>, each awaited (from this thread) before its byte is written, so that it resumes
    /// through the ring's delivery queue, until <paramref name="done"/> or <paramref name="count"/> of them; "ok" or what
    /// went wrong.
    /// </summary>
    private static string PollsUntil(IoRing ring, Pipe pipe, int count, Func<bool> done)
    {
        for (int i = 0; i < count && !done(); i++)
        {
            Task<PollEvents> poll = ring.PollAsync(pipe.ReadFd, PollEvents.In).AsTask();
            pipe.Write(new byte[] { 1 });
            if (!poll.Wait(TimeSpan.FromSeconds(20)))
            {
                return $"poll {i} did not resume ({PoolQueue(ring).Describe()})";
            }

            pipe.Read(1);
        }

        return "ok";
    }

    internal const string StarvedPoolChild = "delivery:starved-pool";
    private const string ResumedWhilePoolBlocked = "child: resumed on the delivery thread while every pool thread was blocked";

    private static int RunStarvedPoolChild()
    {
        IoRing ring = Create(Ring.IoUring, "delivery-starved-pool");
        PoolQueue(ring).PoolBusyForTests = static () => true; // the pool looks busy: bursts go to work items
        var pipe = new Pipe();
        int threads = Environment.ProcessorCount;
        ThreadPool.GetMinThreads(out _, out int io);
        if (!ThreadPool.SetMinThreads(threads, io) || !ThreadPool.SetMaxThreads(threads, Math.Max(io, threads)))
        {
            Console.WriteLine("child: could not cap the pool");
            return 3;
        }

        using var gate = new ManualResetEventSlim();
        using var blocked = new CountdownEvent(threads);
        for (int i = 0; i < threads; i++)
        {
            ThreadPool.UnsafeQueueUserWorkItem(_ =>
            {
                blocked.Signal();
                gate.Wait();
            }, null);
        }

        blocked.Wait();
        using var resumed = new ManualResetEventSlim();
        bool onDeliveryThread = false;
        ValueTask<PollEvents> poll = ring.PollAsync(pipe.ReadFd, PollEvents.In);
        poll.GetAwaiter().UnsafeOnCompleted(() =>
        {
            onDeliveryThread = PoolDelivery.IsDeliveryThread;
            resumed.Set();
        });
        pipe.Write(new byte[] { 1 });
        bool inTime = resumed.Wait(TimeSpan.FromSeconds(20)); // a bound against a hang: it resumes within microseconds, or never
        string counters = PoolQueue(ring).Describe();
        gate.Set();
        Console.WriteLine(inTime && onDeliveryThread ? ResumedWhilePoolBlocked
            : inTime ? "child: resumed on another thread"
            : "child: DEFECT: not resumed while the pool was blocked (" + counters + ")");
        return inTime && onDeliveryThread ? 0 : 3;
    }

    internal const string ForegroundChild = "delivery:foreground";
    internal const string ThrowingChild = "delivery:throws";
    private const string ChildReturns = "child: Main returns";
    private const string StillAlive = "child: still alive after the throwing continuation";
    private const string ThrownMessage = "a continuation's own exception";

    /// <summary>
    /// The child: one continuation on the delivery thread makes it a foreground thread, and Main then returns; or one
    /// there throws.
    /// </summary>
    internal static int RunChild(string scenario)
    {
        if (scenario == ThrowingChild)
        {
            return RunThrowingChild();
        }

        if (scenario == StarvedPoolChild)
        {
            return RunStarvedPoolChild();
        }

        if (scenario == NoDescriptorChild)
        {
            return RunNoDescriptorChild();
        }

        if (scenario != ForegroundChild)
        {
            Console.Error.WriteLine("unknown scenario " + scenario);
            return 2;
        }

        IoRing ring = Create(Ring.IoUring, "delivery-foreground"); // never disposed, as IoRing.Shared never is
        PoolQueue(ring).PoolBusyForTests = static () => false;
        var pipe = new Pipe();
        bool onDeliveryThread = Task.Run(async () =>
        {
            for (int i = 0; i < 200; i++)
            {
                ValueTask<PollEvents> poll = ring.PollAsync(pipe.ReadFd, PollEvents.In);
                pipe.Write(new byte[] { 1 });
                await poll;
                pipe.Read(1);
                if (PoolDelivery.IsDeliveryThread)
                {
                    Thread.CurrentThread.IsBackground = false; // code that wants its work finished before the process exits
                    return true;
                }
            }

            return false;
        }).GetAwaiter().GetResult();

        Console.WriteLine(onDeliveryThread ? ChildReturns : "child: no awaiter resumed on the delivery thread");
        return onDeliveryThread ? 0 : 3;
    }

    private static int RunThrowingChild()
    {
        AppDomain.CurrentDomain.UnhandledException += static (_, e) =>
        {
            Console.WriteLine("child: UnhandledException: " + ((Exception)e.ExceptionObject).Message);
            Console.Out.Flush();
        };
        IoRing ring = Create(Ring.IoUring, "delivery-throws");
        PoolQueue(ring).PoolBusyForTests = static () => false; // every burst to the delivery thread
        var pipe = new Pipe();
        ValueTask<PollEvents> poll = ring.PollAsync(pipe.ReadFd, PollEvents.In);
        poll.GetAwaiter().UnsafeOnCompleted(static () =>
        {
            if (!PoolDelivery.IsDeliveryThread)
            {
                Console.WriteLine("child: DEFECT: the continuation did not run on the delivery thread");
                Environment.Exit(3);
            }

            throw new InvalidOperationException(ThrownMessage); // a raw continuation (no async method to capture it)
        });
        pipe.Write(new byte[] { 1 });
        Thread.Sleep(TimeSpan.FromSeconds(20));
        Console.WriteLine(StillAlive);
        return 4;
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
