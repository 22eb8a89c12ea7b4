using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;

namespace AsyncSys.Runtime.Tests.Hostile;

/// <summary>
/// <see cref="IoRing.RunBlockingAsync{TState}"/> call sites that change character: trusted as short after many short
/// runs, then waiting (docs/performance.md "Short blocking calls without a worker"). With a cancel hook the call runs on
/// a thread-pool work item and the method returns at once, from any thread; without one it runs on a calling pool
/// thread, and from any other thread it goes to the workers. Start-then-feed, a shared token, CancelAll, quiesce and
/// Dispose racing such calls queued and running; exactly-once endings, listings and the pool threads they ran on.
/// </summary>
public sealed class ShortSiteRound4Tests
{
    /// <summary>A one-byte read of <see cref="Fd"/>; counts entries and whether the body saw a cancel request.</summary>
    public struct Call
    {
        public int Fd;
        public StrongBox<int>? Entered;
        public StrongBox<int>? SawCancel;
    }

    private static unsafe long ReadOne(ref Call c)
    {
        if (c.Entered is not null)
        {
            Interlocked.Increment(ref c.Entered.Value);
        }

        if (c.SawCancel is not null && IoRing.IsBlockingCallCancellationRequested)
        {
            Interlocked.Increment(ref c.SawCancel.Value);
        }

        byte b;
        return Sys.read(c.Fd, &b, 1);
    }

    private static void Interrupt(BlockingCallInfo call) => call.InterruptWorker();

    /// <summary>Runs <paramref name="site"/> on /dev/zero (always short) from pool threads, more than the 8 runs trust needs.</summary>
    private static async Task Warm(IoRing ring, BlockingCall<Call> site, BlockingCancelHook? hook, int zero)
    {
        for (int i = 0; i < 24; i++)
        {
            BlockingResult<Call> r = await Task.Run(async () => await ring.RunBlockingAsync(new Call { Fd = zero }, site, hook));
            Assert.Equal(1, r.ThrowIfFailed("read"));
        }
    }

    private static int Listed(IoRing ring) => ring.GetInFlightOperations().Count(o => o.Operation == RingOp.None);

    /// <summary>Starts a call that waits for a byte, checks that the start returned before the byte came, feeds it and awaits the byte.</summary>
    private static async Task StartThenFeed(IoRing ring, BlockingCall<Call> site, BlockingCancelHook? hook, RawPipe pipe, string where)
    {
        ValueTask<BlockingResult<Call>> started = ring.RunBlockingAsync(new Call { Fd = pipe.Read }, site, hook);
        Assert.False(started.IsCompleted, $"{where}: the call ended before its byte was written");
        pipe.Put(7);
        BlockingResult<Call> r = await started;
        Assert.Equal(1, r.ThrowIfFailed("read " + where));
    }

    [Theory]
    [MemberData(nameof(DeliveryModes.Matrix), MemberType = typeof(DeliveryModes))]
    public async Task A_trusted_site_that_then_waits_can_be_started_then_fed_from_every_kind_of_thread(IoBackend backend, DeliveryMode mode)
    {
        using IoRing ring = Hostile.Create(backend, mode);
        BlockingCall<Call> site = static (ref Call c) => ReadOne(ref c);
        BlockingCall<Call> unhooked = static (ref Call c) => ReadOne(ref c);
        using var pipe = new RawPipe();
        using var feeder = new RawPipe();
        using Timer rescue = Round4.Rescue(pipe);
        int zero = Sys.OpenZero();
        try
        {
            await Hostile.Run(ring, mode, async () =>
            {
                await Warm(ring, site, Interrupt, zero);
                await Warm(ring, unhooked, null, zero);

                // With a hook, from the scenario's own thread (a pool thread, or the ring thread in the ring context).
                await StartThenFeed(ring, site, Interrupt, pipe, "hooked, scenario thread");

                // Without a hook, from a thread that is not a pool thread (the ring thread): it goes to a worker.
                if (!Thread.CurrentThread.IsThreadPoolThread)
                {
                    await StartThenFeed(ring, unhooked, null, pipe, "no hook, ring thread");
                }

                // Inside the continuation of a ring operation that really waited (inline: the completion thread).
                Task feed = Task.Run(async () =>
                {
                    await Hostile.UntilPending(ring);
                    feeder.Put(1);
                });
                Assert.Equal(1, await ring.ReadAsync(feeder.Read, new byte[1]));
                await StartThenFeed(ring, site, Interrupt, pipe, "hooked, in a continuation");
                if (!Thread.CurrentThread.IsThreadPoolThread)
                {
                    await StartThenFeed(ring, unhooked, null, pipe, "no hook, in a continuation off the pool");
                }

                await feed;

                // From a dedicated thread, with and without a hook: both return at once.
                var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                var thread = new Thread(() =>
                {
                    try
                    {
                        StartThenFeed(ring, site, Interrupt, pipe, "hooked, dedicated thread").GetAwaiter().GetResult();
                        StartThenFeed(ring, unhooked, null, pipe, "no hook, dedicated thread").GetAwaiter().GetResult();
                        done.SetResult();
                    }
                    catch (Exception e)
                    {
                        done.SetException(e);
                    }
                }) { IsBackground = true };
                thread.Start();
                await Hostile.Within(done.Task, ring, "the calls from a dedicated thread");
            });
        }
        finally
        {
            Sys.close(zero);
        }

        Assert.Equal(0, pipe.Pending);
        Assert.Equal(0, ring.InFlightCount);
    }

    [Theory]
    [MemberData(nameof(DeliveryModes.Matrix), MemberType = typeof(DeliveryModes))]
    public async Task Thousands_of_calls_of_a_trusted_site_sharing_one_token_end_once_when_it_fires_queued_or_running(IoBackend backend, DeliveryMode mode)
    {
        int count = Hostile.Rounds(2000, 10000);
        using IoRing ring = Hostile.Create(backend, mode, capacity: 1024);
        BlockingCall<Call> site = static (ref Call c) => ReadOne(ref c);
        using var pipe = new RawPipe();
        using Timer rescue = Round4.Rescue(pipe, 20000);
        int zero = Sys.OpenZero();
        var ledger = new Ledger();
        var results = new (Ending Ending, int Value, Exception? Error)[count];
        try
        {
            await Hostile.Run(ring, mode, async () =>
            {
                await Warm(ring, site, Interrupt, zero);
                using var cts = new CancellationTokenSource();

                // Even calls read /dev/zero (short), odd ones the empty pipe (they wait): the same site, both characters.
                Task[] submitters = Enumerable.Range(0, 4).Select(s => Task.Run(async () =>
                {
                    var mine = new List<Task>();
                    for (int i = s; i < count; i += 4)
                    {
                        int index = i;
                        mine.Add(Task.Run(async () => results[index] = await ledger.Track(
                            async () => (int)(await ring.RunBlockingAsync(new Call { Fd = index % 2 == 0 ? zero : pipe.Read }, site, Interrupt, cts.Token)).ThrowIfFailed("read"),
                            $"call {index}")));
                    }

                    await Task.WhenAll(mine);
                })).ToArray();

                await Hostile.Until(() => Listed(ring) >= 2 || ledger.Ended == count, "calls waiting on the pipe are listed");
                await Task.Run(cts.Cancel);
                await Hostile.Within(Task.WhenAll(submitters), ring, "every call after the shared token fired");

                for (int i = 0; i < count; i++)
                {
                    (Ending ending, int value, Exception? error) = results[i];
                    bool ok = i % 2 == 0
                        ? (ending == Ending.Result && value == 1) || ending == Ending.Cancelled
                        : ending == Ending.Cancelled;
                    Assert.True(ok, $"call {i} ({(i % 2 == 0 ? "/dev/zero" : "empty pipe")}) ended {ending} {value}: {error}");
                }

                // The site still works for a call with a live token.
                Assert.Equal(1, (await ring.RunBlockingAsync(new Call { Fd = zero }, site, Interrupt, CancellationToken.None)).ThrowIfFailed("read"));
            });
        }
        finally
        {
            Sys.close(zero);
        }

        // No call took a byte written afterwards.
        pipe.Put(1);
        Assert.Equal(1, pipe.Pending);
        ledger.AssertEachEndedOnce();
        Assert.Equal(0, ring.InFlightCount);
    }

    // Calls that passed RunBlockingAsync's token check just before the token fired, published afterwards on a place that
    // keeps a registration of that token from an earlier call: the one callback of that registration had run already and
    // found the place idle or on an earlier call. Such a call started, read its empty pipe and was never interrupted (seen
    // once in the test above, under load: listed OnWorker, never Cancelling, 30 s after the token fired). Here every
    // round puts the token's registration on the places first, then starts waiting calls from pool threads at the moment
    // another thread fires the token, at a spread of offsets. ShortBlockingCallTests drives the same order step by step.
    [Theory]
    [MemberData(nameof(DeliveryModes.Matrix), MemberType = typeof(DeliveryModes))]
    public async Task Calls_of_a_trusted_site_started_as_their_shared_token_fires_each_end_once_as_cancelled(IoBackend backend, DeliveryMode mode)
    {
        int rounds = Hostile.Rounds(150, 3000);
        using IoRing ring = Hostile.Create(backend, mode);
        BlockingCall<Call> site = static (ref Call c) => ReadOne(ref c);
        using var pipe = new RawPipe();
        int zero = Sys.OpenZero();
        var ledger = new Ledger();
        try
        {
            await Hostile.Run(ring, mode, async () =>
            {
                await Warm(ring, site, Interrupt, zero);
                for (int round = 0; round < rounds; round++)
                {
                    using var cts = new CancellationTokenSource();
                    CancellationToken token = cts.Token;

                    // Per round: a long run outlasts a rescue armed once, which would then feed the pipe mid-run.
                    using Timer rescue = Round4.Rescue(pipe);

                    // Short calls with the token from pool threads at once: the places they ran on keep its registration.
                    await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
                        Assert.Equal(1, (await ring.RunBlockingAsync(new Call { Fd = zero }, site, Interrupt, token)).ThrowIfFailed("read")))));

                    int spin = (round % 16) * 40;
                    using var go = new Barrier(4);
                    // Threads of their own: a barrier of pool threads would wait for the pool to grow on 2 cores.
                    var starters = new Task<(Ending Ending, int Value, Exception? Error)>[3];
                    Task[] starting = Enumerable.Range(0, starters.Length).Select(k => OwnThread(() =>
                    {
                        go.SignalAndWait();
                        Thread.SpinWait(k * spin / 2);
                        starters[k] = ledger.Track(async () => (int)(await ring.RunBlockingAsync(new Call { Fd = pipe.Read }, site, Interrupt, token)).ThrowIfFailed("read"), $"round {round}");
                    })).ToArray();
                    Task cancel = OwnThread(() =>
                    {
                        go.SignalAndWait();
                        Thread.SpinWait(spin);
                        cts.Cancel();
                    });
                    await Hostile.Within(Task.WhenAll(starting.Append(cancel)), ring, $"round {round}: starting calls as their token fired");
                    await Hostile.Within(Task.WhenAll(starters), ring, $"round {round}: waiting calls started as their token fired");
                    foreach (var starter in starters)
                    {
                        (Ending ending, int value, Exception? error) = await starter;
                        Assert.True(ending == Ending.Cancelled, $"round {round}: a call of the empty pipe ended {ending} {value}: {error}");
                    }
                }
            });
        }
        finally
        {
            Sys.close(zero);
        }

        pipe.Put(1);
        Assert.Equal(1, pipe.Pending); // no call took a byte written afterwards
        ledger.AssertEachEndedOnce();
        Assert.Equal(0, ring.InFlightCount);
    }

    // The same window with Dispose instead of the token: a call admitted just before Dispose closed admission, published
    // on its place just after Dispose had asked every place to cancel (and found that one idle), must still end, as
    // disposed, and Dispose must not give up on it. A new ring every round, disposed at a spread of offsets from the
    // starts of waiting calls.
    [Theory]
    [MemberData(nameof(DeliveryModes.Matrix), MemberType = typeof(DeliveryModes))]
    public async Task Calls_of_a_trusted_site_started_as_Dispose_begins_each_end_once_and_none_is_abandoned(IoBackend backend, DeliveryMode mode)
    {
        int rounds = Hostile.Rounds(40, 1000);
        using var pipe = new RawPipe();
        int zero = Sys.OpenZero();
        var ledger = new Ledger();
        try
        {
            for (int round = 0; round < rounds; round++)
            {
                IoRing ring = Hostile.Create(backend, mode);
                using Timer rescue = Round4.Rescue(pipe); // per round, as above
                try
                {
                    BlockingCall<Call> site = static (ref Call c) => ReadOne(ref c);
                    await Hostile.Run(ring, mode, async () =>
                    {
                        await Warm(ring, site, Interrupt, zero);
                        int spin = (round % 16) * 40;
                        using var go = new Barrier(4);
                        var starters = new Task<(Ending Ending, int Value, Exception? Error)>[3];
                        Task[] starting = Enumerable.Range(0, starters.Length).Select(k => OwnThread(() =>
                        {
                            go.SignalAndWait();
                            Thread.SpinWait(k * spin / 2);
                            starters[k] = ledger.Track(async () => (int)(await ring.RunBlockingAsync(new Call { Fd = pipe.Read }, site, Interrupt)).ThrowIfFailed("read"), $"round {round}");
                        })).ToArray();
                        Task dispose = OwnThread(() =>
                        {
                            go.SignalAndWait();
                            Thread.SpinWait(spin);
                            ring.Dispose();
                        });
                        await Hostile.Within(Task.WhenAll(starting.Append(dispose)), ring, $"round {round}: starting calls as Dispose began");

                        // Dispose has returned: a call it missed is listed as abandoned (after its timeout), still running.
                        Assert.True(ring.Abandoned.Count == 0, $"round {round}: Dispose abandoned {ring.Abandoned.Count}:" + string.Concat(ring.Abandoned.Select(o => $" {o.Operation} {o.State} id 0x{o.Id:x}")));
                        foreach (var starter in starters)
                        {
                            (Ending ending, int value, Exception? error) = await Hostile.Within(starter, ring, $"round {round}: a waiting call started as Dispose began");
                            Assert.True(ending == Ending.Disposed, $"round {round}: a call of the empty pipe ended {ending} {value}: {error}");
                        }
                    });
                }
                finally
                {
                    ring.Dispose();
                }
            }
        }
        finally
        {
            Sys.close(zero);
        }

        pipe.Put(1);
        Assert.Equal(1, pipe.Pending); // no call took a byte written afterwards
        ledger.AssertEachEndedOnce();
    }

    // Once (Workers, Pool, a whole-folder run with other test runs beside it) the 8 first-wave calls stayed listed
    // OnWorker/Queued, never Cancelling, for 30 s after the barrier that runs CancelAll: its four parties then ran on
    // pool threads, which a starved pool may not start for a long time. They run on threads of their own now, so a hang
    // here is the runtime's (passed 3 whole-folder runs since, and 36 of 36 alone).
    [Theory]
    [MemberData(nameof(DeliveryModes.Matrix), MemberType = typeof(DeliveryModes))]
    public async Task CancelAll_quiesce_and_Dispose_racing_started_calls_of_a_trusted_site_list_each_once_and_end_each_once(IoBackend backend, DeliveryMode mode)
    {
        const int First = 8;
        IoRing ring = Hostile.Create(backend, mode);
        BlockingCall<Call> site = static (ref Call c) => ReadOne(ref c);
        using var pipe = new RawPipe();
        using Timer rescue = Round4.Rescue(pipe);
        int zero = Sys.OpenZero();
        var ledger = new Ledger();
        var entered = new StrongBox<int>();
        try
        {
            await Hostile.Run(ring, mode, async () =>
            {
                await Warm(ring, site, Interrupt, zero);

                // Started here, not awaited: with a hook each returns at once.
                var calls = new List<Task<(Ending Ending, int Value, Exception? Error)>>();
                for (int i = 0; i < First; i++)
                {
                    calls.Add(ledger.Track(async () => (int)(await ring.RunBlockingAsync(new Call { Fd = pipe.Read, Entered = entered }, site, Interrupt)).ThrowIfFailed("read"), "first wave"));
                }

                await Hostile.Until(() => Round4.DistinctListing(ring).Count(o => o.Operation == RingOp.None) == First, $"all {First} waiting calls are listed");
                IReadOnlyList<InFlightOperation> listing = Round4.DistinctListing(ring).Where(o => o.Operation == RingOp.None).ToList();
                Assert.All(listing, o => Assert.True(o.State is InFlightState.Queued or InFlightState.OnWorker, $"{o.Id:x} {o.State}"));
                using (QuiesceResult quiesce = await Hostile.Within(ring.QuiesceAsync(TimeSpan.FromMilliseconds(50)).AsTask(), ring, "the quiesce"))
                {
                    Assert.False(quiesce.Drained);
                    Assert.Equal(listing.Select(o => o.Id).OrderBy(x => x), quiesce.StillInFlight.Where(o => o.Operation == RingOp.None).Select(o => o.Id).OrderBy(x => x));
                }

                // At the same moment, each from a thread of its own: CancelAll, a quiesce, a second wave of calls and listings.
                using var barrier = new Barrier(4);
                Task cancel = OwnThread(() =>
                {
                    barrier.SignalAndWait();
                    ring.CancelAll();
                });
                Task quiesceAgain = OwnThread(async () =>
                {
                    barrier.SignalAndWait();
                    using QuiesceResult q = await ring.QuiesceAsync(TimeSpan.FromMilliseconds(20));
                });
                Task second = OwnThread(() =>
                {
                    barrier.SignalAndWait();
                    for (int i = 0; i < First; i++)
                    {
                        lock (calls)
                        {
                            calls.Add(ledger.Track(async () => (int)(await ring.RunBlockingAsync(new Call { Fd = pipe.Read, Entered = entered }, site, Interrupt)).ThrowIfFailed("read"), "second wave"));
                        }
                    }
                });
                Task listings = OwnThread(() =>
                {
                    barrier.SignalAndWait();
                    for (int i = 0; i < 200; i++)
                    {
                        Round4.DistinctListing(ring);
                    }
                });
                await Hostile.Within(Task.WhenAll(cancel, quiesceAgain, second, listings), ring, "the racing control calls");

                // The first wave was cancelled (none had a byte); the second ends by CancelAll or by Dispose.
                for (int i = 0; i < First; i++)
                {
                    Assert.Equal(Ending.Cancelled, (await Hostile.Within(calls[i], ring, "a first-wave call")).Ending);
                }

                Task[] disposers = { Task.Run(ring.Dispose), Task.Run(ring.Dispose), Task.Run(async () => await ring.DisposeAsync()) };
                await Hostile.Within(Task.WhenAll(disposers), ring, "Dispose from three threads");
                int enteredAtDispose = Volatile.Read(ref entered.Value);
                foreach (var call in calls.ToArray())
                {
                    Ending ending = (await Hostile.Within(call, ring, "a call after Dispose")).Ending;
                    Assert.True(ending is Ending.Cancelled or Ending.Disposed, $"a waiting call ended {ending}");
                }

                await Task.Delay(50);
                Assert.Equal(enteredAtDispose, Volatile.Read(ref entered.Value));
            });
        }
        finally
        {
            ring.Dispose();
            Sys.close(zero);
        }

        pipe.Put(1);
        Assert.Equal(1, pipe.Pending);
        ledger.AssertEachEndedOnce();
        Assert.Equal(0, ring.InFlightCount);
        Assert.Empty(ring.Abandoned);
    }

    /// <summary>Runs <paramref name="body"/> on a thread of its own (never waiting for a pool thread).</summary>
    private static Task OwnThread(Action body) => Task.Factory.StartNew(body, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    /// <summary>Starts <paramref name="body"/> on a thread of its own; it continues wherever its awaits resume.</summary>
    private static Task OwnThread(Func<Task> body) => Task.Factory.StartNew(body, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap();

    [Theory]
    [MemberData(nameof(DeliveryModes.Matrix), MemberType = typeof(DeliveryModes))]
    public async Task A_trusted_site_called_while_quiesced_runs_only_after_reopening_or_fails_fast(IoBackend backend, DeliveryMode mode)
    {
        using IoRing waiting = Hostile.Create(backend, mode);
        using IoRing failing = Hostile.Create(backend, mode, o => o.WhileQuiesced = QuiescedSubmissions.FailFast);
        BlockingCall<Call> hooked = static (ref Call c) => ReadOne(ref c);
        BlockingCall<Call> plain = static (ref Call c) => ReadOne(ref c);
        int zero = Sys.OpenZero();
        try
        {
            await Hostile.Run(waiting, mode, async () =>
            {
                foreach (IoRing ring in new[] { waiting, failing })
                {
                    await Warm(ring, hooked, Interrupt, zero);
                    await Warm(ring, plain, null, zero);
                }

                // Wait: neither call runs while admission is closed, both run once it reopens.
                var enteredHooked = new StrongBox<int>();
                var enteredPlain = new StrongBox<int>();
                QuiesceResult quiesce = await waiting.QuiesceAsync(TimeSpan.FromSeconds(20));
                Assert.True(quiesce.Drained);
                ValueTask<BlockingResult<Call>> a = waiting.RunBlockingAsync(new Call { Fd = zero, Entered = enteredHooked }, hooked, Interrupt);
                Task<BlockingResult<Call>> b = Task.Run(async () => await waiting.RunBlockingAsync(new Call { Fd = zero, Entered = enteredPlain }, plain));
                await Task.Delay(50);
                Assert.Equal((0, 0), (Volatile.Read(ref enteredHooked.Value), Volatile.Read(ref enteredPlain.Value)));
                Assert.False(a.IsCompleted || b.IsCompleted, "a call ended while the ring was quiesced");
                quiesce.Dispose();
                Assert.Equal(1, (await a).ThrowIfFailed("read"));
                Assert.Equal(1, (await Hostile.Within(b, waiting, "the call without a hook after reopening")).ThrowIfFailed("read"));
                Assert.Equal((1, 1), (enteredHooked.Value, enteredPlain.Value));

                // FailFast: both refused, neither runs.
                using (QuiesceResult q = await failing.QuiesceAsync(TimeSpan.FromSeconds(20)))
                {
                    var entered = new StrongBox<int>();
                    await DeliveryModes.Fails<IoRingQuiescedException>(async () => await failing.RunBlockingAsync(new Call { Fd = zero, Entered = entered }, hooked, Interrupt));
                    await DeliveryModes.Fails<IoRingQuiescedException>(() => Task.Run(async () => await failing.RunBlockingAsync(new Call { Fd = zero, Entered = entered }, plain)));
                    Assert.Equal(0, entered.Value);
                }

                Assert.Equal(1, (await failing.RunBlockingAsync(new Call { Fd = zero }, hooked, Interrupt)).ThrowIfFailed("read"));
            });
        }
        finally
        {
            Sys.close(zero);
        }

        Assert.Equal(0, waiting.InFlightCount);
        Assert.Equal(0, failing.InFlightCount);
    }

    [Theory]
    [MemberData(nameof(DeliveryModes.Matrix), MemberType = typeof(DeliveryModes))]
    public async Task Cancelled_calls_of_a_trusted_site_leave_no_cancel_request_nor_stray_interrupt_on_the_pool_threads_they_ran_on(IoBackend backend, DeliveryMode mode)
    {
        int rounds = Hostile.Rounds(24, 400);
        using IoRing ring = Hostile.Create(backend, mode);
        BlockingCall<Call> site = static (ref Call c) => ReadOne(ref c);
        using var pipe = new RawPipe();
        using var idle = new RawPipe();
        using Timer rescue = Round4.Rescue(pipe);
        int zero = Sys.OpenZero();
        int strayInterrupts = 0, staleRequests = 0, probes = 0;
        var sawCancel = new StrongBox<int>();
        try
        {
            await Hostile.Run(ring, mode, async () =>
            {
                await Warm(ring, site, Interrupt, zero);
                using var stop = new CancellationTokenSource();

                // Pool work beside the calls: a poll that a stray interrupt would end with EINTR, and the flag that must be
                // false outside a call.
                Task[] probers = Enumerable.Range(0, 2).Select(_ => Task.Run(async () =>
                {
                    while (!stop.IsCancellationRequested)
                    {
                        await Task.Run(() =>
                        {
                            Interlocked.Increment(ref probes);
                            if (IoRing.IsBlockingCallCancellationRequested)
                            {
                                Interlocked.Increment(ref staleRequests);
                            }

                            // SIGCHLD blocked around the poll: poll(2) ends with EINTR after any handler, and child
                            // processes that other tests start and reap (SIGCHLD has .NET's handler) are not the runtime's
                            // interrupt (seen in a whole-project run once round 5 started children in-process).
                            Round5.Block(Sys.SIGCHLD);
                            int polled = Sys.PollIn(idle.Read, 2);
                            Round5.Unblock(Sys.SIGCHLD);
                            if (polled == -Errno.EINTR)
                            {
                                Interlocked.Increment(ref strayInterrupts);
                            }
                        });
                    }
                })).ToArray();

                for (int i = 0; i < rounds; i++)
                {
                    using var cts = new CancellationTokenSource();
                    var entered = new StrongBox<int>();
                    ValueTask<BlockingResult<Call>> call = ring.RunBlockingAsync(new Call { Fd = pipe.Read, Entered = entered }, site, Interrupt, cts.Token);
                    Task<BlockingResult<Call>> task = call.AsTask();
                    if (i % 2 == 0)
                    {
                        await Hostile.Until(() => Volatile.Read(ref entered.Value) == 1, "the call runs");
                    }

                    cts.Cancel();
                    await DeliveryModes.Fails<OperationCanceledException>(() => Hostile.Within(task, ring, "the cancelled call"));

                    // Short calls of the same site right after: none sees a cancel request meant for the one before.
                    for (int j = 0; j < 4; j++)
                    {
                        Assert.Equal(1, (await Task.Run(async () => await ring.RunBlockingAsync(new Call { Fd = zero, SawCancel = sawCancel }, site, Interrupt))).ThrowIfFailed("read"));
                    }
                }

                await Task.Delay(100);
                stop.Cancel();
                await Hostile.Within(Task.WhenAll(probers), ring, "the probes");
            });
        }
        finally
        {
            Sys.close(zero);
        }

        Assert.True(probes > 0);
        Assert.Equal(0, sawCancel.Value);
        Assert.Equal(0, staleRequests);
        Assert.Equal(0, strayInterrupts);
        pipe.Put(1);
        Assert.Equal(1, pipe.Pending);
        Assert.Equal(0, ring.InFlightCount);
    }

    [Theory]
    [MemberData(nameof(DeliveryModes.Matrix), MemberType = typeof(DeliveryModes))]
    public async Task Dispose_racing_just_started_calls_of_a_trusted_site_ends_each_once_and_none_runs_after_it_returns(IoBackend backend, DeliveryMode mode)
    {
        const int Calls = 32;
        IoRing ring = Hostile.Create(backend, mode);
        BlockingCall<Call> site = static (ref Call c) => ReadOne(ref c);
        using var pipe = new RawPipe();
        using Timer rescue = Round4.Rescue(pipe);
        int zero = Sys.OpenZero();
        var ledger = new Ledger();
        var entered = new StrongBox<int>();
        try
        {
            await Hostile.Run(ring, mode, async () =>
            {
                await Warm(ring, site, Interrupt, zero);
                var calls = new List<Task<(Ending Ending, int Value, Exception? Error)>>();
                for (int i = 0; i < Calls; i++)
                {
                    calls.Add(ledger.Track(async () => (int)(await ring.RunBlockingAsync(new Call { Fd = pipe.Read, Entered = entered }, site, Interrupt)).ThrowIfFailed("read"), "call"));
                    if (i == Calls / 2)
                    {
                        // Half-way through starting them: some queued, some running, some not yet started.
                        _ = Task.Run(ring.Dispose);
                    }
                }

                await Hostile.Within(Task.Run(async () => await ring.DisposeAsync()), ring, "DisposeAsync");
                // DisposeAsync completes once the ring is freed, whoever began the disposal: nothing runs after it.

                int enteredAfter = Volatile.Read(ref entered.Value);
                foreach (var call in calls)
                {
                    Assert.Equal(Ending.Disposed, (await Hostile.Within(call, ring, "a call racing Dispose")).Ending);
                }

                await Task.Delay(50);
                Assert.Equal(enteredAfter, Volatile.Read(ref entered.Value));

                // After Dispose: refused, never run.
                var late = new StrongBox<int>();
                await DeliveryModes.Fails<ObjectDisposedException>(async () => await ring.RunBlockingAsync(new Call { Fd = zero, Entered = late }, site, Interrupt));
                await DeliveryModes.Fails<ObjectDisposedException>(() => Task.Run(async () => await ring.RunBlockingAsync(new Call { Fd = zero, Entered = late }, site)));
                Assert.Equal(0, late.Value);
            });
        }
        finally
        {
            ring.Dispose();
            Sys.close(zero);
        }

        pipe.Put(1);
        Assert.Equal(1, pipe.Pending);
        ledger.AssertEachEndedOnce();
        Assert.Equal(0, ring.InFlightCount);
        Assert.Empty(ring.Abandoned);
    }

    [Theory]
    [MemberData(nameof(DeliveryModes.Matrix), MemberType = typeof(DeliveryModes))]
    public async Task A_generated_worker_variant_trusted_as_short_is_started_then_fed_and_cancelled_without_taking_a_byte(IoBackend backend, DeliveryMode mode)
    {
        using IoRing ring = Hostile.Create(backend, mode);
        using var pipe = new RawPipe();
        using Timer rescue = Round4.Rescue(pipe);
        int zero = Sys.OpenZero();
        try
        {
            await Hostile.Run(ring, mode, async () =>
            {
                for (int i = 0; i < 24; i++)
                {
                    Assert.Equal(1, await Task.Run(async () => await HostileLibc.ReadRetryingAsync(ring, zero, new byte[1])));
                }

                // Started, then fed, from this thread.
                var buffer = new byte[1];
                ValueTask<nint> started = HostileLibc.ReadRetryingAsync(ring, pipe.Read, buffer);
                Assert.False(started.IsCompleted, "the generated call ended before its byte was written");
                pipe.Put(42);
                Assert.Equal(1, await started);
                Assert.Equal(42, buffer[0]);

                // Started, then cancelled while it waits: no byte taken afterwards.
                using var cts = new CancellationTokenSource();
                Task<nint> waiting = HostileLibc.ReadRetryingAsync(ring, pipe.Read, new byte[1], cts.Token).AsTask();
                await Hostile.Until(() => Listed(ring) == 1, "the generated call is listed");
                cts.Cancel();
                await DeliveryModes.Fails<OperationCanceledException>(() => Hostile.Within(waiting, ring, "the cancelled generated call"));
            });
        }
        finally
        {
            Sys.close(zero);
        }

        pipe.Put(1);
        Assert.Equal(1, pipe.Pending);
        Assert.Equal(0, ring.InFlightCount);
    }
}
