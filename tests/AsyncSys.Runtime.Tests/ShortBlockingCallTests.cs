using System;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys.Interop;

namespace AsyncSys.Runtime.Tests;

/// <summary>
/// RunBlockingAsync runs a call site that has proven short on the calling thread-pool thread, with the
/// worker's semantics (never started when cancelled first, interruptible through the hook, errno captured),
/// and sends a site that ran long back to the workers.
/// </summary>
public sealed class ShortBlockingCallTests
{
    private struct Call
    {
        public int Fd;
        public bool Block;
        public int RanOn;
    }

    private static readonly BlockingCall<Call> Site = static (ref Call call) =>
    {
        call.RanOn = Environment.CurrentManagedThreadId;
        if (!call.Block)
        {
            return 0;
        }

        unsafe
        {
            byte one;
            return Libc.read(call.Fd, &one, 1); // an empty pipe: blocks until interrupted
        }
    };

    // Generous: these tests check where calls run, not how fast a loaded machine hands them over.
    private static IoRing Create(bool onCaller = true, TimeSpan? shortLimit = null, Func<bool>? otherWorkWaiting = null) => IoRing.Create(new IoRingOptions
    {
        Name = "short-calls",
        RunShortBlockingCallsOnCaller = onCaller,
        ShortBlockingCallLimit = shortLimit ?? TimeSpan.FromMilliseconds(500),

        // Unless a test asks for it, no call gives its turn away: a call run on the caller is then complete on return.
        OtherWorkWaiting = otherWorkWaiting ?? (static () => false),
    });

    /// <summary>Runs the site from a pool thread until a call runs on the calling thread; returns how many calls it took (-1: never).</summary>
    private static async Task<int> TrainAsync(IoRing ring, int limit = 50, bool completesOnReturn = true) =>
        await Task.Run(async () =>
        {
            for (int i = 1; i <= limit; i++)
            {
                int caller = Environment.CurrentManagedThreadId;
                ValueTask<BlockingResult<Call>> run = ring.RunBlockingAsync(new Call(), Site);
                bool completed = run.IsCompletedSuccessfully;
                BlockingResult<Call> result = await run;
                if (result.State.RanOn == caller)
                {
                    Assert.True(completed || !completesOnReturn, "a call run on the caller is complete when RunBlockingAsync returns");
                    return i;
                }
            }

            return -1;
        });

    [Fact]
    public async Task A_site_runs_on_workers_until_it_has_proven_short_then_on_the_calling_pool_thread()
    {
        using IoRing ring = Create();
        int firstHere = await TrainAsync(ring);
        Assert.Equal(Operations.ShortBlockingCalls.ShortRunsNeeded + 1, firstHere);
    }

    [Fact]
    public async Task A_loop_of_calls_on_the_caller_gives_its_thread_to_waiting_work_every_16th_call()
    {
        // With other pool work waiting, every 16th call in a row still runs here, but its awaiter resumes from the back
        // of the pool's queue (the ValueTask is pending when returned) instead of the loop keeping the thread.
        using IoRing ring = Create(otherWorkWaiting: () => true);
        Assert.True(await TrainAsync(ring, completesOnReturn: false) > 0); // this thread's count may reach 16 here already

        (int pending, int ranHere, int calls) = await Task.Run(async () =>
        {
            int pendingCount = 0, here = 0;
            for (int i = 0; i < 64; i++)
            {
                int caller = Environment.CurrentManagedThreadId;
                ValueTask<BlockingResult<Call>> run = ring.RunBlockingAsync(new Call(), Site);
                if (!run.IsCompleted)
                {
                    pendingCount++;
                }

                BlockingResult<Call> result = await run;
                Assert.Equal(0, result.Value);
                if (result.State.RanOn == caller)
                {
                    here++;
                }
            }

            return (pendingCount, here, 64);
        });

        Assert.Equal(calls, ranHere); // every call ran on its caller's thread
        // Every 16th in a row on a thread (64 calls: 4; a pool thread's count may start where another test left it).
        Assert.InRange(pending, 3, 6);
    }

    [Fact]
    public async Task Errno_is_captured_the_same_way_on_the_caller()
    {
        using IoRing ring = Create();
        await TrainAsync(ring);
        BlockingCall<Call> badClose = static (ref Call call) =>
        {
            call.RanOn = Environment.CurrentManagedThreadId;
            return Libc.close(call.Fd);
        };
        bool ranHere = false;
        await Task.Run(async () =>
        {
            for (int i = 0; i <= Operations.ShortBlockingCalls.ShortRunsNeeded; i++)
            {
                int caller = Environment.CurrentManagedThreadId;
                BlockingResult<Call> result = await ring.RunBlockingAsync(new Call { Fd = -1 }, badClose);
                ranHere |= result.State.RanOn == caller;
                Assert.Equal(-1, result.Value);
                Assert.Equal(Errno.EBADF, result.Errno);
            }
        });
        Assert.True(ranHere, "the last call ran on the caller");
    }

    /// <summary>
    /// Runs the trusted site once with a hook (so on a thread-pool work item, not a worker and not the caller), blocked
    /// on an empty pipe until the token interrupts it.
    /// </summary>
    private static Task BlockWithoutWorkerAsync(IoRing ring, Pipe pipe, TimeSpan blockFor) =>
        Task.Run(async () =>
        {
            using var cts = new CancellationTokenSource(blockFor);
            ValueTask<BlockingResult<Call>> blocked = ring.RunBlockingAsync(
                new Call { Fd = pipe.ReadFd, Block = true },
                Site,
                static info => info.InterruptWorker(),
                cts.Token);

            // Published on a place at once (an id of its own, never a slot's): it did not go to a worker.
            Assert.False(blocked.IsCompleted, "a call with a hook never runs on its caller");
            InFlightOperation listed = Assert.Single(ring.GetInFlightOperations());
            Assert.NotEqual(0, listed.Id & (1L << 62));
            await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await blocked);
            Assert.True(cts.IsCancellationRequested);
        });

    [Fact]
    public async Task A_trusted_call_that_blocks_twice_is_interrupted_by_its_hook_and_sends_the_site_back_to_the_workers()
    {
        using IoRing ring = Create(shortLimit: TimeSpan.FromMilliseconds(200)); // long: 1 s
        using var pipe = new Pipe();
        Assert.True(await TrainAsync(ring) > 0);

        await BlockWithoutWorkerAsync(ring, pipe, TimeSpan.FromMilliseconds(1500));
        await BlockWithoutWorkerAsync(ring, pipe, TimeSpan.FromMilliseconds(1500));

        // Two runs past the long limit: the site is back on the workers, and must prove itself for longer.
        int again = await TrainAsync(ring, limit: 100);
        Assert.True(again > Operations.ShortBlockingCalls.ShortRunsNeeded * 2, $"the site ran on the caller again after {again} calls");
    }

    [Fact]
    public async Task One_long_run_alone_keeps_the_site_trusted()
    {
        // What a thread preempted mid-call on a busy machine looks like: the next call still runs on the caller.
        using IoRing ring = Create(shortLimit: TimeSpan.FromMilliseconds(200));
        using var pipe = new Pipe();
        Assert.True(await TrainAsync(ring) > 0);

        await BlockWithoutWorkerAsync(ring, pipe, TimeSpan.FromMilliseconds(1500));

        Assert.Equal(1, await TrainAsync(ring, limit: 1));
    }

    [Fact]
    public async Task A_site_whose_calls_are_cancelled_while_they_wait_never_earns_trust()
    {
        // A lock wait, a read on an idle pipe: each call waits until its token ends it, often within a millisecond
        // (a caller that gives up at once). Those runs say the call waits, not that it is short: counted as short,
        // the site was trusted after 8 of them and the next call blocked its caller, which then could not cancel it
        // (hostile round 2's flock test, 30 rounds, hung every time).
        using IoRing ring = Create();
        using var pipe = new Pipe();
        int ranOnCaller = await Task.Run(async () =>
        {
            int onCaller = 0;
            for (int i = 0; i < Operations.ShortBlockingCalls.ShortRunsNeeded * 3; i++)
            {
                using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(5)); // ends a call run here, if one is
                int caller = Environment.CurrentManagedThreadId;
                ValueTask<BlockingResult<Call>> waiting = ring.RunBlockingAsync(
                    new Call { Fd = pipe.ReadFd, Block = true },
                    Site,
                    static info => info.InterruptWorker(),
                    cts.Token);
                if (waiting.IsCompleted)
                {
                    onCaller++; // it ran (and blocked) on this thread until the safety timeout
                }
                else
                {
                    while (ring.InFlightCount == 0 || ring.GetInFlightOperations()[0].State != InFlightState.OnWorker)
                    {
                        await Task.Yield();
                    }

                    cts.Cancel();
                }

                await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await waiting);
            }

            return onCaller;
        });

        Assert.Equal(0, ranOnCaller);
    }

    [Fact]
    public async Task A_trusted_call_with_a_hook_returns_its_task_at_once_so_the_caller_can_end_its_wait()
    {
        // The deadlock a trusted site run on its caller made: start a call that waits (a lock, a child, a pipe), then do
        // what ends the wait, then await. Run on the caller, the start blocked before the write could happen.
        using IoRing ring = Create();
        using var pipe = new Pipe();
        Assert.True(await TrainAsync(ring) > 0, "the site never became trusted");
        Task<(bool CompleteOnReturn, BlockingResult<Call> Result)> flow = Task.Run(async () =>
        {
            using var safety = new CancellationTokenSource(TimeSpan.FromSeconds(10)); // ends a call that blocked its caller
            ValueTask<BlockingResult<Call>> read = ring.RunBlockingAsync(
                new Call { Fd = pipe.ReadFd, Block = true },
                Site,
                static info => info.InterruptWorker(),
                safety.Token);
            bool completeOnReturn = read.IsCompleted;
            pipe.Write(new byte[] { 7 });
            return (completeOnReturn, await read);
        });

        (bool completeOnReturn, BlockingResult<Call> result) = await flow.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.False(completeOnReturn, "RunBlockingAsync returned only after the call had waited");
        Assert.Equal(1, result.Value);
        Assert.Equal(0, ring.Table.RunningWithoutSlot);
        Assert.Empty(ring.GetInFlightOperations());
    }

    [Fact]
    public async Task A_trusted_call_with_a_hook_cancelled_as_soon_as_it_is_queued_ends_cancelled_exactly_once_whether_it_had_started_or_not()
    {
        // The token fires while the work item is queued (the call must never start) or running (its hook interrupts it):
        // which one varies with the pool, so each round uses a fresh ring (a call cancelled while it runs counts as long,
        // and two send the site back to the workers).
        using var pipe = new Pipe();
        int queuedOrRunning = 0;
        for (int round = 0; round < 20; round++)
        {
            using IoRing ring = Create();
            Assert.True(await TrainAsync(ring) > 0, "the site never became trusted");
            await Task.Run(async () =>
            {
                using var cts = new CancellationTokenSource();
                ValueTask<BlockingResult<Call>> read = ring.RunBlockingAsync(
                    new Call { Fd = pipe.ReadFd, Block = true },
                    Site,
                    static info => info.InterruptWorker(),
                    cts.Token);
                if (ring.GetInFlightOperations() is [var listed] && (listed.Id & (1L << 62)) != 0)
                {
                    queuedOrRunning++;
                }

                cts.Cancel();
                Task<BlockingResult<Call>> task = read.AsTask();
                await Assert.ThrowsAnyAsync<OperationCanceledException>(() => task.WaitAsync(TimeSpan.FromSeconds(10)));
                Assert.True(task.IsCanceled);
            });
            Assert.Empty(ring.GetInFlightOperations());
            Assert.Equal(0, ring.Table.RunningWithoutSlot);
        }

        Assert.Equal(20, queuedOrRunning); // every round took the pool path, not a worker
    }

    private struct WhereItRan
    {
        public IoRing Ring;
        public bool OnPool;
        public int WithoutSlot;
        public int InFlight;
    }

    private static readonly BlockingCall<WhereItRan> WhereSite = static (ref WhereItRan where) =>
    {
        where.OnPool = Thread.CurrentThread.IsThreadPoolThread;
        where.WithoutSlot = where.Ring.Table.RunningWithoutSlot;
        where.InFlight = where.Ring.Table.InFlightCount;
        return 0;
    };

    [Fact]
    public async Task A_trusted_call_with_a_hook_from_a_dedicated_thread_runs_on_the_pool_without_a_slot()
    {
        using IoRing ring = Create();
        var state = new WhereItRan { Ring = ring };
        await Task.Run(async () =>
        {
            for (int i = 0; i < Operations.ShortBlockingCalls.ShortRunsNeeded * 2; i++)
            {
                await ring.RunBlockingAsync(state, WhereSite);
            }
        });

        WhereItRan seen = default;
        var thread = new Thread(() => seen = ring.RunBlockingAsync(state, WhereSite, static info => info.InterruptWorker()).AsTask().GetAwaiter().GetResult().State);
        thread.Start();
        Assert.True(thread.Join(TimeSpan.FromSeconds(30)));
        Assert.True(seen.OnPool, "not on a worker: on a thread-pool thread");
        Assert.Equal(1, seen.WithoutSlot);
        Assert.Equal(0, seen.InFlight);
        Assert.Equal(0, ring.Table.RunningWithoutSlot);
    }

    [Fact]
    public async Task A_cancelled_token_never_runs_the_call_even_for_a_trusted_site()
    {
        using IoRing ring = Create();
        await TrainAsync(ring);
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        int runs = 0;
        BlockingCall<StrongBox> counting = static (ref StrongBox box) => Interlocked.Increment(ref box.Value);
        var box = new StrongBox();
        for (int i = 0; i < 20; i++)
        {
            await Task.Run(async () => await ring.RunBlockingAsync(box, counting));
        }

        runs = box.Value;
        await Task.Run(async () => await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await ring.RunBlockingAsync(box, counting, null, cts.Token)));
        Assert.Equal(runs, box.Value);
    }

    [Fact]
    public async Task Calls_from_a_dedicated_thread_or_with_the_option_off_always_go_to_a_worker()
    {
        using IoRing ring = Create();
        await TrainAsync(ring);
        int ranHere = 0;
        var thread = new Thread(() =>
        {
            for (int i = 0; i < 5; i++)
            {
                BlockingResult<Call> result = ring.RunBlockingAsync(new Call(), Site).AsTask().GetAwaiter().GetResult();
                if (result.State.RanOn == Environment.CurrentManagedThreadId)
                {
                    ranHere++;
                }
            }
        });
        thread.Start();
        Assert.True(thread.Join(TimeSpan.FromSeconds(30)));
        Assert.Equal(0, ranHere);

        using IoRing off = Create(onCaller: false);
        Assert.Equal(-1, await TrainAsync(off, limit: 20));
    }

    private struct Probe
    {
        public IoRing Ring;
        public ManualResetEventSlim? Inside;
        public ManualResetEventSlim? Gate;
        public int RanOn;
        public int InFlight;
        public int WithoutSlot;
    }

    private static readonly BlockingCall<Probe> ProbeSite = static (ref Probe probe) =>
    {
        probe.RanOn = Environment.CurrentManagedThreadId;
        probe.InFlight = probe.Ring.InFlightCount;
        probe.WithoutSlot = probe.Ring.Table.RunningWithoutSlot;
        probe.Inside?.Set();
        probe.Gate?.Wait();
        return 7;
    };

    /// <summary>Runs the probe site from a pool thread until a call runs on the calling thread without a slot; returns that call's probe.</summary>
    private static Task<Probe> TrainProbeAsync(IoRing ring, CancellationToken token = default, BlockingCancelHook? hook = null) =>
        Task.Run(async () =>
        {
            for (int i = 0; i < 50; i++)
            {
                int caller = Environment.CurrentManagedThreadId;
                BlockingResult<Probe> result = await ring.RunBlockingAsync(new Probe { Ring = ring }, ProbeSite, hook, token);
                Assert.Equal(7, result.Value);

                // Every 16th call in a row on a thread takes the full path (its turn may go to waiting work): not this one.
                if (result.State.RanOn == caller && result.State.WithoutSlot == 1)
                {
                    return result.State;
                }
            }

            throw new InvalidOperationException("the site never ran on the caller");
        });

    [Fact]
    public async Task A_trusted_call_runs_without_a_slot_with_or_without_a_token_or_a_hook()
    {
        using IoRing ring = Create();
        Probe withoutToken = await TrainProbeAsync(ring);
        Assert.Equal(0, withoutToken.InFlight);
        Assert.Equal(1, withoutToken.WithoutSlot);

        using var cts = new CancellationTokenSource();
        Probe withToken = await TrainProbeAsync(ring, cts.Token);
        Assert.Equal(0, withToken.InFlight);
        Assert.Equal(1, withToken.WithoutSlot);

        // A hook: the call is published on its thread's place, where CancelAll, Dispose and the token find it.
        Probe withHook = await TrainProbeAsync(ring, cts.Token, hook: static info => info.InterruptWorker());
        Assert.Equal(0, withHook.InFlight);
        Assert.Equal(1, withHook.WithoutSlot);
        Assert.Equal(0, ring.InFlightCount);
        Assert.Equal(0, ring.Table.RunningWithoutSlot);
        Assert.Empty(ring.GetInFlightOperations());
    }

    /// <summary>
    /// Trains the blocking site on a pool thread, then starts one call that blocks on <paramref name="pipe"/> with an
    /// interrupting hook (so it runs on a thread-pool work item without a slot); returns the call (still running) once it
    /// is listed in flight.
    /// </summary>
    private static async Task<(Task<BlockingResult<Call>> Call, InFlightOperation Listed)> StartBlockedWithoutWorkerAsync(
        IoRing ring, Pipe pipe, CancellationToken token = default, BlockingCancelHook? hook = null)
    {
        Assert.True(await TrainAsync(ring) > 0, "the site never ran on the caller");
        return await StartListedWithoutSlotAsync(
            ring,
            () => Task.Run(async () => await ring.RunBlockingAsync(new Call { Fd = pipe.ReadFd, Block = true }, Site, hook ?? (static info => info.InterruptWorker()), token)),
            hook is null ? null : () => pipe.Write(new byte[] { 1 }));
    }

    /// <summary>
    /// Starts a call that blocks until cancelled; returns it (still running) once it is listed in flight without a slot
    /// and has started on its thread (not merely queued for the pool).
    /// A start that took a slot instead is ended by <paramref name="stop"/> (CancelAll unless given) and tried again.
    /// </summary>
    private static async Task<(Task<T> Call, InFlightOperation Listed)> StartListedWithoutSlotAsync<T>(IoRing ring, Func<Task<T>> start, Action? stop = null)
    {
        for (int attempt = 0; attempt < 5; attempt++)
        {
            Task<T> call = start();
            var clock = System.Diagnostics.Stopwatch.StartNew();
            InFlightOperation? listed = null;
            while (listed is null && clock.Elapsed < TimeSpan.FromSeconds(10))
            {
                Assert.False(call.IsCompleted, "the blocked call ended by itself");
                // A call with a hook is listed from the moment it is queued for the pool (Queued); "running" means
                // started on its thread, where a cancel reaches it through its hook (OnWorker).
                listed = ring.GetInFlightOperations() is [var only] && only.State != InFlightState.Queued ? only : null;
                if (listed is null)
                {
                    await Task.Delay(5);
                }
            }

            Assert.NotNull(listed);
            if ((listed.Id & (1L << 62)) != 0) // an id of its own: published on a place, not in a slot
            {
                Assert.Equal(0, ring.Table.InFlightCount);
                Assert.Equal(1, ring.Table.RunningWithoutSlot);
                return (call, listed);
            }

            // Every 16th call in a row on a thread takes the full path (its turn may go to waiting work): start again.
            (stop ?? (() => ring.CancelAll()))();
            try
            {
                await call.WaitAsync(TimeSpan.FromSeconds(10));
            }
            catch (OperationCanceledException)
            {
            }
        }

        throw new Xunit.Sdk.XunitException("the call never ran without a slot in five attempts");
    }

    [Fact]
    public async Task A_call_with_a_hook_running_without_a_slot_is_listed_in_flight_and_CancelAll_interrupts_it()
    {
        using IoRing ring = Create();
        using var pipe = new Pipe();
        (Task<BlockingResult<Call>> call, InFlightOperation listed) = await StartBlockedWithoutWorkerAsync(ring, pipe);
        Assert.Equal(InFlightState.OnWorker, listed.State);
        Assert.Equal(IoBackend.Workers, listed.Backend);
        Assert.Equal(RingOp.None, listed.Operation);
        Assert.NotEqual(0, listed.Id & (1L << 62)); // an id of its own, never a slot's

        Assert.Equal(1, ring.CancelAll());
        var error = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Contains("CancelAll", error.Message);
        Assert.Empty(ring.GetInFlightOperations());
        Assert.Equal(0, ring.Table.RunningWithoutSlot);
        Assert.Equal(0, ring.CancelAll()); // nothing left to ask
    }

    [Fact]
    public async Task Dispose_interrupts_a_call_with_a_hook_running_without_a_slot_and_waits_for_it()
    {
        IoRing ring = Create();
        using var pipe = new Pipe();
        (Task<BlockingResult<Call>> call, _) = await StartBlockedWithoutWorkerAsync(ring, pipe);
        ring.Dispose();
        Assert.Equal(0, ring.Table.RunningWithoutSlot); // Dispose returned only after the call it interrupted had ended
        await Assert.ThrowsAsync<ObjectDisposedException>(() => call.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Empty(ring.Abandoned);
    }

    [Fact]
    public async Task A_quiesce_lists_a_call_with_a_hook_it_could_not_wait_for_then_the_token_interrupts_it()
    {
        using IoRing ring = Create();
        using var pipe = new Pipe();
        using var cts = new CancellationTokenSource();
        (Task<BlockingResult<Call>> call, InFlightOperation listed) = await StartBlockedWithoutWorkerAsync(ring, pipe, cts.Token);
        using (QuiesceResult result = await ring.QuiesceAsync(TimeSpan.FromMilliseconds(100)))
        {
            Assert.False(result.Drained);
            Assert.Equal(listed.Id, Assert.Single(result.StillInFlight).Id);
        }

        cts.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.True(call.IsCanceled);
        Assert.Equal(0, ring.Table.RunningWithoutSlot);
    }

    [Fact]
    public async Task A_hook_that_throws_on_a_call_without_a_slot_is_reported_and_CancelAll_still_returns()
    {
        using IoRing ring = Create();
        using var pipe = new Pipe();
        long failuresBefore = Diagnostics.UserCallbacks.Failures;
        (Task<BlockingResult<Call>> call, _) = await StartBlockedWithoutWorkerAsync(ring, pipe, hook: static _ => throw new InvalidOperationException("hook"));
        Assert.Equal(1, ring.CancelAll()); // asked, even though its hook failed
        Assert.True(Diagnostics.UserCallbacks.Failures > failuresBefore);
        Assert.False(call.IsCompleted); // nothing interrupted it

        pipe.Write(new byte[] { 1 }); // the call ends with its own answer
        BlockingResult<Call> result = await call.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(1, result.Value);
    }

    [Fact]
    public async Task Calls_sharing_a_token_are_each_interrupted_by_it_and_an_earlier_calls_token_interrupts_no_later_call_on_the_same_place()
    {
        using IoRing ring = Create();
        using var pipe = new Pipe();
        using var shared = new CancellationTokenSource();
        BlockingCancelHook interrupt = static info => info.InterruptWorker();
        Assert.True(await TrainAsync(ring) > 0);

        // Many calls with one token (a place registers it once and keeps the registration), then one that blocks: the
        // token still reaches it.
        await Task.Run(async () =>
        {
            for (int i = 0; i < 40; i++)
            {
                await ring.RunBlockingAsync(new Call(), Site, interrupt, shared.Token);
            }
        });
        // A start that took a slot is ended with a byte, not CancelAll: a run cancelled while it ran counts against the
        // site's trust, and with the cancel below that would be two, which sends the site back to the workers.
        (Task<BlockingResult<Call>> blocked, _) = await StartListedWithoutSlotAsync(
            ring,
            () => Task.Run(async () => await ring.RunBlockingAsync(new Call { Fd = pipe.ReadFd, Block = true }, Site, interrupt, shared.Token)),
            () => pipe.Write(new byte[] { 1 }));
        shared.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => blocked.WaitAsync(TimeSpan.FromSeconds(10)));

        // A token whose calls have all ended (its registration is kept by the places they ran on) interrupts no later call
        // there: here one without a token, which leaves the kept registration in place.
        for (int round = 0; round < 4; round++)
        {
            using var earlier = new CancellationTokenSource();
            await Task.Run(async () =>
            {
                for (int i = 0; i < 8; i++)
                {
                    await ring.RunBlockingAsync(new Call(), Site, interrupt, earlier.Token);
                }
            });
            (Task<BlockingResult<Call>> running, _) = await StartListedWithoutSlotAsync(
                ring,
                () => Task.Run(async () => await ring.RunBlockingAsync(new Call { Fd = pipe.ReadFd, Block = true }, Site, interrupt)),
                () => pipe.Write(new byte[] { 1 }));
            earlier.Cancel();
            await Task.Delay(100);
            Assert.False(running.IsCompleted, "cancelling an earlier call's token stopped a later call");
            pipe.Write(new byte[] { 1 });
            Assert.Equal(1, (await running.WaitAsync(TimeSpan.FromSeconds(10))).Value);
        }
    }

    private struct Retrying
    {
        public int Fd;
        public int Attempts;
    }

    [Fact]
    public async Task A_body_that_retries_EINTR_sees_the_cancel_request_on_a_call_without_a_slot()
    {
        using IoRing ring = Create();
        using var pipe = new Pipe();
        BlockingCall<Retrying> retrying = static (ref Retrying call) =>
        {
            long n;
            do
            {
                call.Attempts++;
                unsafe
                {
                    byte one;
                    n = call.Fd < 0 ? 0 : Libc.read(call.Fd, &one, 1);
                }
            }
            while (n < 0 && Marshal.GetLastPInvokeError() == Errno.EINTR && !IoRing.IsBlockingCallCancellationRequested);
            return n;
        };
        using var cts = new CancellationTokenSource();
        await Task.Run(async () =>
        {
            for (int i = 0; i <= Operations.ShortBlockingCalls.ShortRunsNeeded; i++)
            {
                await ring.RunBlockingAsync(new Retrying { Fd = -1 }, retrying, static info => info.InterruptWorker());
            }
        });
        (Task<BlockingResult<Retrying>> run, _) = await StartListedWithoutSlotAsync(ring, () => Task.Run(async () =>
            await ring.RunBlockingAsync(new Retrying { Fd = pipe.ReadFd }, retrying, static info => info.InterruptWorker(), cts.Token)));
        cts.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    private struct Interrupted
    {
        public CancellationTokenSource? CancelFirst;
        public int RanOn;
    }

    /// <summary>Fails with EINTR, after cancelling the caller's token when it is given one to cancel.</summary>
    private static readonly BlockingCall<Interrupted> InterruptedSite = static (ref Interrupted call) =>
    {
        call.RanOn = Environment.CurrentManagedThreadId;
        call.CancelFirst?.Cancel();
        Marshal.SetLastPInvokeError(Errno.EINTR);
        return -1;
    };

    [Fact]
    public async Task Without_a_slot_an_EINTR_failure_after_the_token_was_cancelled_is_the_cancellation_as_on_the_full_path()
    {
        using IoRing ring = Create();
        await Task.Run(async () =>
        {
            using var live = new CancellationTokenSource();
            bool ranHere = false;
            for (int i = 0; i <= Operations.ShortBlockingCalls.ShortRunsNeeded; i++)
            {
                // Not cancelled: EINTR is the call's answer, with its errno.
                int caller = Environment.CurrentManagedThreadId;
                BlockingResult<Interrupted> result = await ring.RunBlockingAsync(new Interrupted(), InterruptedSite, null, live.Token);
                Assert.Equal(-1, result.Value);
                Assert.Equal(Errno.EINTR, result.Errno);
                ranHere = result.State.RanOn == caller;
            }

            Assert.True(ranHere, "the site did not run on the caller");
            Assert.Equal(0, ring.Table.RunningWithoutSlot);

            using var cancelled = new CancellationTokenSource();
            ValueTask<BlockingResult<Interrupted>> run = ring.RunBlockingAsync(new Interrupted { CancelFirst = cancelled }, InterruptedSite, null, cancelled.Token);
            Assert.True(run.IsCanceled, "cancelled while it ran and interrupted: the task is cancelled, as the full path's is");
            await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await run);
        });
    }

    [Fact]
    public async Task A_quiesce_waits_for_a_call_running_without_a_slot()
    {
        using IoRing ring = Create();
        await TrainProbeAsync(ring);
        using var inside = new ManualResetEventSlim();
        using var gate = new ManualResetEventSlim();
        Task<Probe> held = Task.FromResult(default(Probe));
        for (int attempt = 0; attempt < 5; attempt++)
        {
            inside.Reset();
            gate.Reset();
            held = Task.Run(async () =>
                (await ring.RunBlockingAsync(new Probe { Ring = ring, Inside = inside, Gate = gate }, ProbeSite)).State);
            Assert.True(inside.Wait(TimeSpan.FromSeconds(10)), "the call did not start");
            if (ring.Table.RunningWithoutSlot == 1)
            {
                break;
            }

            // Every 16th call in a row on a thread takes the full path (its turn may go to waiting work): start again.
            gate.Set();
            await held.WaitAsync(TimeSpan.FromSeconds(10));
        }

        Task<QuiesceResult> quiesce = ring.QuiesceAsync(TimeSpan.FromSeconds(30)).AsTask();
        await Task.Delay(100);
        Assert.False(quiesce.IsCompleted, "the quiesce ended while a call was still running");
        gate.Set();
        Probe probe = await held.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(0, probe.InFlight); // it did run without a slot
        using QuiesceResult result = await quiesce.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(result.Drained);
    }

    [Fact]
    public async Task An_exception_from_a_call_run_without_a_slot_comes_out_of_the_await()
    {
        using IoRing ring = Create();
        await TrainAsync(ring);
        BlockingCall<Call> throwsOnBlock = static (ref Call call) =>
        {
            call.RanOn = Environment.CurrentManagedThreadId;
            return call.Block ? throw new InvalidOperationException("from the call") : 0;
        };
        await Task.Run(async () =>
        {
            for (int i = 0; i <= Operations.ShortBlockingCalls.ShortRunsNeeded; i++)
            {
                await ring.RunBlockingAsync(new Call(), throwsOnBlock);
            }

            ValueTask<BlockingResult<Call>> failing = ring.RunBlockingAsync(new Call { Block = true }, throwsOnBlock); // does not throw here
            var error = await Assert.ThrowsAsync<InvalidOperationException>(async () => await failing);
            Assert.Equal("from the call", error.Message);
        });
        Assert.Equal(0, ring.Table.RunningWithoutSlot);
    }

    // A call with a hook runs on a place that keeps its token registration between calls (calls sharing a server's
    // stopping token register it once per place). That registration's callback runs once: when the token fired while
    // the place was between calls, the callback found nothing, and a call that passed RunBlockingAsync's token check just
    // before the token fired was then published with the same token and no callback to come. It started, read an empty
    // pipe and was never interrupted (ShortSiteRound4Tests' thousands of calls sharing one token, once under load).
    // Driven here step by step on one place, in the order the threads took.
    [Fact]
    public void A_call_published_on_a_place_after_its_shared_token_fired_between_calls_never_starts()
    {
        var place = new Operations.RunningShortCall(0, "place");
        using var cts = new CancellationTokenSource();
        int hooked = 0;
        BlockingCancelHook hook = _ => Interlocked.Increment(ref hooked);
        int tid = Operations.ShortBlockingCalls.NativeThreadId;

        // A first call with the token: the place registers it and keeps the registration for the next call with it.
        Assert.True(place.TryClaim());
        place.Publish(hook, null, System.Diagnostics.Stopwatch.GetTimestamp(), cts.Token);
        Assert.True(place.Start(tid));
        Assert.Equal(Operations.CancelReason.None, place.Leave());
        place.Release();

        // The token fires while the place holds no call: its callback finds nothing to cancel.
        cts.Cancel();

        // The next call (its caller checked the token before it fired) is published with the same token.
        Assert.True(place.TryClaim());
        place.Publish(hook, null, System.Diagnostics.Stopwatch.GetTimestamp(), cts.Token);
        Assert.Equal(Operations.CancelReason.Caller, place.Reason);
        Assert.False(place.Start(tid), "a call published after its token fired started, and no cancel would ever reach it");
        Assert.Equal(Operations.CancelReason.Caller, place.Leave());
        place.Release();
        Assert.Equal(0, hooked); // never ran: nothing to interrupt
        Assert.False(IoRing.IsBlockingCallCancellationRequested);
    }

    // The same with the token firing while the place runs an earlier call of that token: the callback cancels that one
    // (its hook is called); the call published after it must not start either.
    [Fact]
    public void A_call_published_on_a_place_after_its_shared_token_cancelled_the_call_before_it_never_starts()
    {
        var place = new Operations.RunningShortCall(0, "place");
        using var cts = new CancellationTokenSource();
        int hooked = 0;
        BlockingCancelHook hook = _ => Interlocked.Increment(ref hooked);
        int tid = Operations.ShortBlockingCalls.NativeThreadId;

        Assert.True(place.TryClaim());
        place.Publish(hook, null, System.Diagnostics.Stopwatch.GetTimestamp(), cts.Token);
        Assert.True(place.Start(tid));
        cts.Cancel();
        Assert.Equal(1, hooked);
        Assert.True(IoRing.IsBlockingCallCancellationRequested);
        Assert.Equal(Operations.CancelReason.Caller, place.Leave());
        place.Release();

        Assert.True(place.TryClaim());
        place.Publish(hook, null, System.Diagnostics.Stopwatch.GetTimestamp(), cts.Token);
        Assert.False(place.Start(tid), "a call published after its token fired started, and no cancel would ever reach it");
        Assert.Equal(Operations.CancelReason.Caller, place.Leave());
        place.Release();
        Assert.Equal(1, hooked);
        Assert.False(IoRing.IsBlockingCallCancellationRequested);
    }

    private sealed class StrongBox
    {
        public int Value;
    }
}
