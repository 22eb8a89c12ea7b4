using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;

namespace AsyncSys.Runtime.Tests.Hostile;

/// <summary>
/// Round 12: user code that misbehaves on a ring's own thread (docs/performance.md "Continuations on the ring thread",
/// docs/backends.md "Where continuations run", docs/quiesce.md): it awaits things that are not ring operations and are
/// completed from other threads, waits synchronously for an operation of its own ring or of another ring, swaps the
/// thread's SynchronizationContext, cancels, lists and quiesces its own ring, and nests the contexts of two rings.
/// </summary>
public sealed class RingThreadRound12Tests
{
    public static TheoryData<IoBackend, DeliveryMode> Matrix => DeliveryModes.Matrix;

    public static TheoryData<IoBackend> Backends => new() { IoBackend.IoUring, IoBackend.LinuxAio, IoBackend.Workers };

    private static string Where() => $"thread {Environment.CurrentManagedThreadId} '{Thread.CurrentThread.Name}', pool {Thread.CurrentThread.IsThreadPoolThread}, context {SynchronizationContext.Current?.GetType().Name ?? "none"}";

    /// <summary>Whether the scenario is pinned to a ring thread: the ring context of io_uring (the only ring thread that runs loops).</summary>
    private static bool Pinned(IoBackend backend, DeliveryMode mode) => backend == IoBackend.IoUring && mode == DeliveryMode.RingContext;

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task Awaits_of_semaphores_channels_completion_sources_and_delays_completed_from_other_threads_come_back_where_the_docs_say(IoBackend backend, DeliveryMode mode)
    {
        using IoRing ring = Hostile.Create(backend, mode);
        using var pipe = new RawPipe();
        using var semaphore = new SemaphoreSlim(0);
        Channel<int> channel = Channel.CreateUnbounded<int>();
        int rounds = Hostile.Rounds(20, 200);

        await Hostile.Run(ring, mode, async () =>
        {
            int thread = Environment.CurrentManagedThreadId;
            SynchronizationContext? context = SynchronizationContext.Current;
            void Check(string after)
            {
                if (Pinned(backend, mode))
                {
                    // docs/performance.md: awaits of other things come back through the ring's context.
                    Assert.True(thread == Environment.CurrentManagedThreadId && ReferenceEquals(context, SynchronizationContext.Current), $"after {after} the loop left its ring thread: {Where()}");
                }
                else
                {
                    // Nothing else puts a context on the code: the ring's threads never leave one behind.
                    Assert.True(SynchronizationContext.Current is null, $"after {after} a context is current: {Where()}");
                }
            }

            var buffer = new byte[1];
            for (int round = 0; round < rounds; round++)
            {
                byte value = (byte)(round + 1);
                ValueTask<int> read = ring.ReadAsync(pipe.Read, buffer);
                _ = Task.Run(() => pipe.Put(value));
                Assert.Equal(1, await read);
                Assert.Equal(value, buffer[0]);
                Check("a ring read");

                // In Inline mode the code now runs on the completion thread: what it awaits next is completed elsewhere.
                Task wait = semaphore.WaitAsync();
                _ = Task.Run(() => semaphore.Release());
                await wait;
                Check("a SemaphoreSlim released from the pool");

                ValueTask<int> item = channel.Reader.ReadAsync();
                var writer = new Thread(() => channel.Writer.TryWrite(round)) { IsBackground = true };
                writer.Start();
                Assert.Equal(round, await item);
                Check("a Channel read written from a thread of its own");

                // Continuations of this source run synchronously on the thread that sets it, unless a context was captured.
                var source = new TaskCompletionSource<int>();
                var setter = new Thread(() => source.SetResult(round)) { IsBackground = true };
                setter.Start();
                Assert.Equal(round, await source.Task);
                Check("a TaskCompletionSource set from a thread of its own");

                var asynchronous = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
                _ = Task.Run(() => asynchronous.SetResult(round));
                Assert.Equal(round, await asynchronous.Task);
                Check("a TaskCompletionSource with asynchronous continuations");

                await Task.Delay(1);
                Check("Task.Delay");

                await ring.NopAsync();
                Check("a ring nop after the others");
            }
        });

        Assert.Equal(0, pipe.Pending);
        await Hostile.Until(() => ring.InFlightCount == 0, "nothing in flight");
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task A_synchronous_wait_on_an_operation_of_the_same_ring_is_bounded_by_its_caller_and_the_operation_still_ends_once(IoBackend backend, DeliveryMode mode)
    {
        using var events = new AsyncSysEvents();
        using IoRing ring = Hostile.Create(backend, mode);
        using var meter = new RingMeter(ring.Name);
        using IoRing other = Hostile.Create(backend, DeliveryMode.Pool);
        using var first = new RawPipe();
        using var inner = new RawPipe();
        using var elsewhere = new RawPipe();
        bool onRingThread = false;
        Task<int>? innerRead = null;
        bool innerEnded = false, otherEnded = false;
        TimeSpan patience = TimeSpan.FromSeconds(3);

        await Hostile.Run(ring, mode, async () =>
        {
            // Resume after a ring read, so that in Inline mode this is a continuation on the completion thread.
            ValueTask<int> read = ring.ReadAsync(first.Read, new byte[1]);
            _ = Task.Run(async () =>
            {
                await Hostile.UntilPending(ring);
                first.Put(1);
            });
            Assert.Equal(1, await read);
            onRingThread = Round4.OnRingThread();

            // An operation of another ring, waited for synchronously from here: its own thread delivers it.
            Task<int> otherRead = other.ReadAsync(elsewhere.Read, new byte[1]).AsTask();
            _ = Task.Run(() => elsewhere.Put(2));
            otherEnded = Round12.WaitSync(otherRead, Hostile.Bound);

            // An operation of this very ring, fed from another thread, waited for synchronously from here.
            innerRead = ring.ReadAsync(inner.Read, new byte[1]).AsTask();
            _ = Task.Run(() => inner.Put(3));
            innerEnded = Round12.WaitSync(innerRead, onRingThread ? patience : Hostile.Bound);
        });

        Assert.True(otherEnded, $"a synchronous wait on another ring's read did not end within {Hostile.Bound.TotalSeconds} s ({backend}, {mode})");
        Assert.NotNull(innerRead);

        if (onRingThread)
        {
            // docs/performance.md: a continuation that waits synchronously for an operation of its own ring deadlocks
            // (the watchdog cannot take over a thread that is blocked now); its caller's bound ends it, and the stall
            // is reported while it lasts.
            Assert.False(innerEnded, "the read completed while the only thread that reaps it was blocked");
            // Counted once the continuation has returned to the ring, which may be after the scenario's task completed.
            await Hostile.Until(() => meter["asyncsys.continuations.long"] >= 1, $"a long continuation counted ({meter})");
            await Hostile.Until(() => events.Count(8, ring.Name) >= 1, "a LongContinuation event (8) for the ring");
            await Hostile.Until(() => events.Count(12, ring.Name) >= 1, "a RingThreadStalled event (12) for a 3 s block");
            Assert.Equal(1, events.Count(12, ring.Name));
            Assert.Equal(1, meter["asyncsys.ring.stalls"]);
        }
        else if (mode is DeliveryMode.Pool or DeliveryMode.PoolTryFirst || mode == DeliveryMode.RingContext)
        {
            // A blocked pool thread or delivery thread: the next completion goes to another thread (the lag rule).
            Assert.True(innerEnded, $"a synchronous wait on this ring's read from a pool continuation did not end within {Hostile.Bound.TotalSeconds} s ({backend}, {mode})");
        }

        // However the wait ended, the read ends once, with its byte.
        Assert.Equal(1, await Hostile.Within(innerRead!, ring, "the read waited for synchronously"));
        Assert.Equal(0, inner.Pending);
        await Hostile.Until(() => ring.InFlightCount == 0, "nothing in flight");
        // Two reads of this ring, each admitted once and completed once (the other ring counts its own).
        Assert.True(
            (meter["asyncsys.ops.submitted"], meter["asyncsys.ops.completed"], meter["asyncsys.ops.cancelled"], meter["asyncsys.ops.failed"]) == (2, 2, 0, 0),
            $"counters: {meter}");
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task Code_that_swaps_the_SynchronizationContext_on_a_ring_thread_never_leaves_it_to_the_next_code(IoBackend backend, DeliveryMode mode)
    {
        using IoRing ring = Hostile.Create(backend, mode);
        using var pipe = new RawPipe();
        int rounds = Hostile.Rounds(16, 160);
        var seen = new List<string>();
        SynchronizationContext? expected = null;

        await Hostile.Run(ring, mode, async () =>
        {
            expected = SynchronizationContext.Current;
            for (int round = 0; round < rounds; round++)
            {
                // A raw callback (no async method builder to restore anything) that swaps the context and returns.
                var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                ValueTask<int> read = ring.ReadAsync(pipe.Read, new byte[1]);
                ValueTaskAwaiter<int> awaiter = read.GetAwaiter();
                int index = round;
                awaiter.UnsafeOnCompleted(() =>
                {
                    lock (seen)
                    {
                        SynchronizationContext? current = SynchronizationContext.Current;
                        if (current is ForeignContext)
                        {
                            seen.Add($"raw callback {index}: entered under a context a previous callback left: {Where()}");
                        }
                    }

                    try
                    {
                        awaiter.GetResult();
                        done.SetResult();
                    }
                    catch (Exception e)
                    {
                        done.SetException(e);
                    }

                    SynchronizationContext.SetSynchronizationContext(new ForeignContext());
                });
                pipe.Put((byte)round);
                await done.Task;

                // An async method whose continuation swaps the context and ends there (awaited through a source
                // completed before the swap, so .NET's own inline completion does not carry the swap here).
                var swapped = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                _ = SwapAfterARead(ring, pipe, (byte)round, seen, index, swapped);
                await swapped.Task;

                // Code right after: still under what it started with.
                if (!ReferenceEquals(expected, SynchronizationContext.Current))
                {
                    lock (seen)
                    {
                        seen.Add($"round {round}: the scenario's own context changed: {Where()}");
                    }
                }
            }

            if (Pinned(backend, mode))
            {
                // Swapped by the loop itself, then an await: it captures what is current (docs/backends.md), so the
                // operation's continuation goes to that context, never to the ring thread.
                int ringThread = Environment.CurrentManagedThreadId;
                var foreign = new ForeignContext();
                SynchronizationContext.SetSynchronizationContext(foreign);
                await ring.NopAsync();
                Assert.True(foreign.Posts >= 1 && SynchronizationContext.Current == foreign && Environment.CurrentManagedThreadId != ringThread, $"after swapping to a foreign context: posts {foreign.Posts}, {Where()}");

                SynchronizationContext.SetSynchronizationContext(null);
                await ring.NopAsync();
                Assert.True(SynchronizationContext.Current is null && !Round4.OnRingThread(), $"after clearing the context: {Where()}");
            }
        });

        // Another loop after all that starts under the ring's own context and stays on its thread.
        if (mode == DeliveryMode.RingContext)
        {
            await DeliveryModes.Run(ring, mode, async () =>
            {
                await ring.NopAsync();
                await Task.Yield();
                await ring.NopAsync();
            });
        }

        Assert.True(seen.Count == 0, string.Join("\n", seen.Take(10)));
        await Hostile.Until(() => ring.InFlightCount == 0, "nothing in flight");
    }

    private static async Task SwapAfterARead(IoRing ring, RawPipe pipe, byte value, List<string> seen, int round, TaskCompletionSource done)
    {
        await Task.Yield();
        ValueTask<int> read = ring.ReadAsync(pipe.Read, new byte[1]);
        _ = Task.Run(() => pipe.Put(value));
        await read.ConfigureAwait(false);
        if (SynchronizationContext.Current is ForeignContext)
        {
            lock (seen)
            {
                seen.Add($"async method {round}: resumed under a context earlier code left: {Where()}");
            }
        }

        done.SetResult();
        SynchronizationContext.SetSynchronizationContext(new ForeignContext());
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task Code_on_the_ring_thread_that_lists_cancels_and_quiesces_its_own_ring_sees_every_operation_end_once(IoBackend backend, DeliveryMode mode)
    {
        using IoRing ring = Hostile.Create(backend, mode);
        var pipes = Enumerable.Range(0, 8).Select(_ => new RawPipe()).ToArray();
        using var fed = new RawPipe();
        var ledger = new Ledger();
        try
        {
            await Hostile.Run(ring, mode, async () =>
            {
                // After a ring read: in Inline mode this is the completion thread.
                ValueTask<int> first = ring.ReadAsync(fed.Read, new byte[1]);
                _ = Task.Run(() => fed.Put(1));
                Assert.Equal(1, await first);

                var reads = pipes.Select((p, i) => ledger.Track(() => ring.ReadAsync(p.Read, new byte[1]), $"read {i}")).ToArray();
                await Hostile.UntilPending(ring, 8);
                IReadOnlyList<InFlightOperation> listing = Round4.DistinctListing(ring);
                foreach (RawPipe p in pipes)
                {
                    Assert.Contains(listing, o => o.Fd == p.Read);
                }

                Assert.True(ring.InFlightCount >= 8, $"in flight {ring.InFlightCount}");
                Assert.Equal(1, ring.CancelByFd(pipes[0].Read));
                Assert.True(ring.CancelAll() >= 7, "CancelAll from the ring's own thread asked fewer than 7");
                foreach (var r in reads)
                {
                    (Ending ending, _, _) = await r;
                    Assert.Equal(Ending.Cancelled, ending);
                }

                // A quiesce awaited here, with a read in flight that another thread feeds: it drains.
                var quiesced = ledger.Track(() => ring.ReadAsync(fed.Read, new byte[1]), "read under the quiesce");
                await Hostile.UntilPending(ring);
                _ = Task.Run(async () =>
                {
                    await Task.Delay(5);
                    fed.Put(2);
                });
                QuiesceResult quiesce = await ring.QuiesceAsync(Hostile.Bound);
                Assert.True(quiesce.Drained, $"not drained: {quiesce.StillInFlight.Count} still in flight");
                Assert.True(ring.IsQuiesced);
                Assert.Equal(Ending.Result, (await quiesced).Ending);

                // A submission from here while quiesced is held (WhileQuiesced = Wait), never admitted, until this
                // same code reopens the ring.
                var held = ledger.Track(() => ring.NopAsync(), "nop held behind the quiesce");
                Assert.False(held.IsCompleted, "a nop completed while the ring was quiesced");
                Assert.Empty(ring.GetInFlightOperations());
                await Assert.ThrowsAsync<InvalidOperationException>(async () => await ring.QuiesceAsync(TimeSpan.Zero));
                quiesce.Dispose();
                Assert.False(ring.IsQuiesced);
                Assert.Equal(Ending.Result, (await held).Ending);

                // Again, nothing in flight: drained at once, reopened from here asynchronously.
                QuiesceResult empty = await ring.QuiesceAsync(Hostile.Bound);
                Assert.True(empty.Drained);
                await empty.DisposeAsync();
                Assert.Equal(Ending.Result, (await ledger.Track(() => ring.NopAsync(), "nop after")).Ending);
            });

            ledger.AssertEachEndedOnce();
            Assert.Equal(8, ledger[Ending.Cancelled]);
            Assert.All(pipes, p => Assert.Equal(0, p.Pending));
            await Hostile.Until(() => ring.InFlightCount == 0, "nothing in flight");
        }
        finally
        {
            foreach (RawPipe p in pipes)
            {
                p.Dispose();
            }
        }
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public async Task Loops_nested_across_two_rings_come_back_to_each_ring_thread_and_wait_on_each_other_without_deadlock(IoBackend backend)
    {
        using IoRing a = Hostile.Create(backend, DeliveryMode.RingContext);
        using IoRing b = Hostile.Create(backend, DeliveryMode.RingContext);
        using var pipeA = new RawPipe();
        using var pipeB = new RawPipe();
        int rounds = Hostile.Rounds(12, 120);
        bool pinned = backend == IoBackend.IoUring;

        int sum = await Hostile.Within(a.RunOnRingAsync(async () =>
        {
            int threadA = Environment.CurrentManagedThreadId;
            SynchronizationContext? contextA = SynchronizationContext.Current;
            void OnA(string after)
            {
                if (pinned)
                {
                    Assert.True(threadA == Environment.CurrentManagedThreadId && ReferenceEquals(contextA, SynchronizationContext.Current), $"after {after}, ring A's loop is off its thread: {Where()}");
                }
            }

            int total = 0;
            for (int round = 0; round < rounds; round++)
            {
                total += await b.RunOnRingAsync(async () =>
                {
                    int threadB = Environment.CurrentManagedThreadId;
                    SynchronizationContext? contextB = SynchronizationContext.Current;
                    void OnB(string after)
                    {
                        if (pinned)
                        {
                            Assert.True(threadB == Environment.CurrentManagedThreadId && ReferenceEquals(contextB, SynchronizationContext.Current) && threadB != threadA, $"after {after}, ring B's loop is off its thread: {Where()}");
                        }
                    }

                    OnB("starting");
                    await a.NopAsync();
                    OnB("ring A's nop");
                    ValueTask<int> read = a.ReadAsync(pipeA.Read, new byte[1]);
                    _ = Task.Run(() => pipeA.Put(1));
                    int got = await read;
                    OnB("ring A's read");

                    // Ring A's thread is not blocked (its loop awaits this one): a synchronous wait on its operation ends.
                    Task nop = a.NopAsync().AsTask();
                    Assert.True(Round12.WaitSync(nop, Hostile.Bound), "a synchronous wait from ring B's thread on ring A's nop did not end");
                    await nop;
                    return got;
                });
                OnA("ring B's loop");

                await b.NopAsync();
                OnA("ring B's nop");
                Task<int> readB = b.ReadAsync(pipeB.Read, new byte[1]).AsTask();
                _ = Task.Run(() => pipeB.Put(2));
                Assert.True(Round12.WaitSync(readB, Hostile.Bound), "a synchronous wait from ring A's thread on ring B's read did not end");
                total += await readB;
                OnA("a synchronous wait on ring B");
            }

            return total;
        }), a, "the nested loops");

        Assert.Equal(2 * rounds, sum);
        Assert.Equal(0, pipeA.Pending + pipeB.Pending);
        await Hostile.Until(() => a.InFlightCount == 0 && b.InFlightCount == 0, "nothing in flight on either ring");
    }
    public static TheoryData<IoBackend, DeliveryMode, string> MatrixAndEnders
    {
        get
        {
            var data = new TheoryData<IoBackend, DeliveryMode, string>();
            foreach (object[] row in DeliveryModes.Matrix)
            {
                foreach (string ender in new[] { "token", "CancelAll", "CancelByFd", "deadline", "Dispose" })
                {
                    data.Add((IoBackend)row[0], (DeliveryMode)row[1], ender);
                }
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(MatrixAndEnders))]
    public async Task A_read_submitted_by_ring_thread_code_that_then_blocks_is_still_ended_by_its_token_CancelAll_CancelByFd_deadline_or_Dispose(IoBackend backend, DeliveryMode mode, string ender)
    {
        IoRing ring = Hostile.Create(backend, mode);
        using var first = new RawPipe();
        using var pipe = new RawPipe();
        using var cts = new CancellationTokenSource();
        var ledger = new Ledger();
        Task<(Ending Ending, int Value, Exception? Error)>? victim = null;
        try
        {
            await Hostile.Run(ring, mode, async () =>
            {
                // Resume after a ring read: in Inline mode this is the completion thread.
                ValueTask<int> read = ring.ReadAsync(first.Read, new byte[1]);
                _ = Task.Run(async () =>
                {
                    await Hostile.UntilPending(ring);
                    first.Put(1);
                });
                Assert.Equal(1, await read);

                // Submitted from here, then this code blocks before it gives the thread back (docs/performance.md: what
                // ring-thread code submits is written to the kernel before the thread's next io_uring_enter, and a
                // cancel or deadline asked for before that still reaches it).
                victim = ledger.Track(
                    () => ender == "deadline"
                        ? ring.SubmitAsync(RingRequest.Read(pipe.Read, new byte[1], -1).WithTimeout(TimeSpan.FromMilliseconds(20)))
                        : ring.ReadAsync(pipe.Read, new byte[1], cts.Token),
                    "the read");
                BlockWhileEnding(ring, ender, cts, pipe.Read);
            });

            (Ending ending, int value, Exception? error) = await Hostile.Within(victim!, ring, $"the read ended by {ender}");
            Ending expected = ender switch
            {
                "deadline" => Ending.Errno,
                "Dispose" => Ending.Disposed,
                _ => Ending.Cancelled,
            };
            Assert.True(ending == expected || (ender == "Dispose" && ending == Ending.Cancelled), $"ended {ending} ({error?.GetType().Name}: {error?.Message}), expected {expected}");
            if (ender == "deadline")
            {
                Assert.Equal("ETIME", Assert.IsType<ErrnoException>(error).ErrnoName);
            }

            ledger.AssertEachEndedOnce();

            // No read is left armed: a byte written now stays in the pipe.
            pipe.Put(7);
            await Task.Delay(20);
            Assert.Equal(1, pipe.Pending);
            if (ender == "Dispose")
            {
                Assert.Empty(ring.Abandoned);
            }
            else
            {
                await Hostile.Until(() => ring.InFlightCount == 0, "nothing in flight");
            }
        }
        finally
        {
            await ring.DisposeAsync();
        }
    }

    /// <summary>
    /// What the hostile code does on the thread it runs on (the ring thread in Inline and RingContext on io_uring): has
    /// the read ended from another thread, and blocks until that was asked (and 50 ms more), never giving the thread back.
    /// </summary>
    private static void BlockWhileEnding(IoRing ring, string ender, CancellationTokenSource cts, int fd)
    {
        switch (ender)
        {
            case "token":
                Assert.True(Task.Run(cts.Cancel).Wait(Hostile.Bound));
                break;
            case "CancelAll":
                Assert.True(Task.Run(() => Assert.True(ring.CancelAll() >= 1, "CancelAll asked nothing")).Wait(Hostile.Bound));
                break;
            case "CancelByFd":
                Assert.True(Task.Run(() => Assert.Equal(1, ring.CancelByFd(fd))).Wait(Hostile.Bound));
                break;
            case "Dispose":
                // Dispose waits for the read, which only this thread can deliver: it is not waited for here. Whether it
                // has begun when this code stops blocking changes nothing the test asserts.
                _ = Task.Run(ring.Dispose);
                Thread.Sleep(50);
                break;
            default:
                break;
        }

        Thread.Sleep(ender == "deadline" ? 100 : 50);
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public async Task Code_on_one_ring_of_a_set_lists_quiesces_and_cancels_an_operation_waiting_on_another_ring_of_the_set(IoBackend backend)
    {
        using IoRing set = Hostile.Create(backend, DeliveryMode.RingContext, o => o.Rings = 2);
        await CrossRingControl(set);
        await Hostile.Until(() => set.InFlightCount == 0, "nothing in flight");
    }

    /// <summary>
    /// Two loops given to the set in turn (so, on io_uring, the two rings' threads): the first waits in a read nobody
    /// feeds; the second lists it, quiesces the set (not drained: it is listed as still in flight) while a read of its
    /// own is fed, cancels everything and reopens. The first loop's read ends cancelled, the second's with its byte.
    /// </summary>
    internal static async Task CrossRingControl(IoRing set)
    {
        using var idle = new RawPipe();
        using var fed = new RawPipe();
        int firstThread = -1, secondThread = -1;
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Task<int> waiting = set.RunOnRingAsync(async () =>
        {
            firstThread = Environment.CurrentManagedThreadId;
            ValueTask<int> read = set.ReadAsync(idle.Read, new byte[1]);
            started.SetResult();
            try
            {
                await read;
                return 1;
            }
            catch (OperationCanceledException)
            {
                return -1;
            }
        });
        await started.Task;

        Task<int> controller = set.RunOnRingAsync(async () =>
        {
            secondThread = Environment.CurrentManagedThreadId;
            await Hostile.Until(() => set.GetInFlightOperations().Any(o => o.Fd == idle.Read && o.State is InFlightState.OnRing or InFlightState.OnWorker), "the other loop's read listed");
            Round4.DistinctListing(set);

            ValueTask<int> mine = set.ReadAsync(fed.Read, new byte[1]);
            _ = Task.Run(async () =>
            {
                await Task.Delay(5);
                fed.Put(1);
            });
            QuiesceResult quiesce = await set.QuiesceAsync(TimeSpan.FromMilliseconds(200));
            Assert.False(quiesce.Drained);
            Assert.Contains(quiesce.StillInFlight, o => o.Fd == idle.Read);
            Assert.True(set.CancelAll() >= 1, "CancelAll from a ring thread of the set asked nothing");
            quiesce.Dispose();
            Assert.Equal(1, await mine);
            return 2;
        });

        Assert.Equal(2, await Hostile.Within(controller, set, "the controlling loop"));
        Assert.Equal(-1, await Hostile.Within(waiting, set, "the loop whose read was cancelled from the other ring"));
        if (set.Backend == IoBackend.IoUring && set.BackendDescription.Contains("2 rings", StringComparison.Ordinal))
        {
            Assert.NotEqual(firstThread, secondThread);
        }

        Assert.Equal(0, idle.Pending + fed.Pending);
    }
    [Theory]
    [MemberData(nameof(Backends))]
    public async Task Code_that_makes_a_ring_thread_a_foreground_thread_never_keeps_the_process_alive_at_exit(IoBackend backend)
    {
        var run = await Child.Run($"r12:foreground:{backend}", 30);
        Child.AssertPassed(run, $"a child whose undisposed rings ran code that made their threads foreground ({backend})");
        Assert.Equal(0, run.Exit);
    }

    /// <summary>
    /// The child: user code on every kind of thread a ring runs it on (an inline continuation of a pipe read and of a
    /// file read: the ring thread, the AIO completion thread or a worker; a ring-context loop; a pool continuation;
    /// a loop on <see cref="IoRing.Shared"/>) makes its thread a foreground thread and lowers its priority, as code that
    /// believes it runs on a thread of its own may. The rings are never disposed (as <see cref="IoRing.Shared"/> never
    /// is). Then Main returns: the process must end (a foreground thread would keep it alive for ever).
    /// </summary>
    internal static int ForegroundChild(IoBackend backend)
    {
        IoRing inline = IoRing.Create(new IoRingOptions { Backend = backend, InlineContinuations = true, TryNonBlockingFirst = false, Name = "fg-inline" });
        IoRing context = IoRing.Create(new IoRingOptions { Backend = backend, Name = "fg-context" });
        IoRing pool = IoRing.Create(new IoRingOptions { Backend = backend, TryNonBlockingFirst = false, Name = "fg-pool" });
        var pipe = new RawPipe();
        var polled = new RawPipe();
        string path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"r12-fg-{Environment.ProcessId}");
        System.IO.File.WriteAllBytes(path, new byte[4096]);
        int file = Sys.Check(Sys.open(path, Sys.O_RDONLY | Sys.O_CLOEXEC, 0), "open");
        System.IO.File.Delete(path);

        // Twice, so that code also lands on threads earlier code changed.
        int main = Environment.CurrentManagedThreadId;
        var marked = new List<string>();
        for (int round = 0; round < 2; round++)
        {
            marked.Add(Mark("inline pipe read", MarkAfter(inline.ReadAsync(pipe.Read, new byte[1]), () => pipe.Put(1))));
            marked.Add(Mark("inline poll", MarkAfter(Polled(inline.PollAsync(polled.Read, PollEvents.In)), () => polled.Put(1))));
            Sys.Take(polled.Read, 1);
            marked.Add(Mark("inline file read", MarkAfter(inline.ReadAsync(file, new byte[4096], 0), () => { })));
            marked.Add(Mark("ring-context loop", context.RunOnRingAsync(async () =>
            {
                await context.NopAsync();
                return MakeForeground();
            })));
            marked.Add(Mark("pool continuation", MarkAfter(pool.ReadAsync(pipe.Read, new byte[1]), () => pipe.Put(2))));
            marked.Add(Mark("shared ring-context loop", IoRing.Shared.RunOnRingAsync(async () =>
            {
                await IoRing.Shared.NopAsync();
                return MakeForeground();
            })));
        }

        Console.WriteLine(string.Join("\n", marked));

        // Each thread puts itself back where it is about to wait (not between two pieces of code it runs in a row):
        // once they are idle, none keeps the name code gave it.
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (Sys.ThreadNames().Contains("hijacked") && clock.Elapsed < Hostile.Bound)
        {
            Thread.Sleep(10);
        }

        Child.Expect(!Sys.ThreadNames().Contains("hijacked"), $"threads put back once idle: {string.Join(", ", Sys.ThreadNames())}");
        Console.WriteLine("DONE");
        Console.Out.Flush();
        return 0;

        static string Mark(string what, Task<string> task)
        {
            bool ended = task.Wait(Hostile.Bound);
            Child.Expect(ended, $"{what} ended");
            return ended ? $"{what}: made '{task.Result}' foreground" : what;
        }

        // Fed a little later, so that the await is registered first and the continuation runs where the ring runs it.
        async Task<string> MarkAfter(ValueTask<int> read, Action feed)
        {
            _ = Task.Run(async () =>
            {
                await Task.Delay(20);
                feed();
            });
            await read;
            return MakeForeground();
        }

        static async ValueTask<int> Polled(ValueTask<PollEvents> poll) => (int)await poll;

        string MakeForeground()
        {
            Thread self = Thread.CurrentThread;
            string name = self.Name ?? $"unnamed thread {Environment.CurrentManagedThreadId}";
            self.IsBackground = false;
            self.Priority = ThreadPriority.Lowest;
            if (Environment.CurrentManagedThreadId != main)
            {
                self.Name = "hijacked";
            }

            return name;
        }
    }
    public static TheoryData<IoBackend, DeliveryMode, string> MatrixAndMidBatchCalls
    {
        get
        {
            var data = new TheoryData<IoBackend, DeliveryMode, string>();
            foreach (object[] row in DeliveryModes.Matrix)
            {
                foreach (string call in new[] { "CancelAll", "CancelByFd", "quiesce", "Dispose" })
                {
                    data.Add((IoBackend)row[0], (DeliveryMode)row[1], call);
                }
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(MatrixAndMidBatchCalls))]
    public async Task The_first_continuation_of_a_batch_of_64_completions_that_cancels_quiesces_or_disposes_its_ring_leaves_every_read_ending_once_with_no_byte_lost(IoBackend backend, DeliveryMode mode, string call)
    {
        IoRing ring = Hostile.Create(backend, mode);
        var pipes = Enumerable.Range(0, 64).Select(_ => new RawPipe()).ToArray();
        var ledger = new Ledger();
        var results = new (Ending Ending, int Value, Exception? Error)[64];
        int fired = 0;
        string? controlFailure = null;
        Task? feeder = null;
        try
        {
            await Hostile.Run(ring, mode, async () =>
            {
                var reads = pipes.Select((p, i) => ledger.Track(async () =>
                {
                    int n = await ring.ReadAsync(p.Read, new byte[1]);
                    if (Interlocked.Exchange(ref fired, 1) == 0)
                    {
                        // The first continuation of the batch (on the ring thread in Inline and RingContext on io_uring),
                        // while the rest of the batch is being reaped.
                        controlFailure = await MidBatch(ring, call, pipes, i);
                    }

                    return n;
                }, $"read {i}")).ToArray();
                await Hostile.UntilPending(ring, 64);
                feeder = Task.Run(() =>
                {
                    foreach (RawPipe p in pipes)
                    {
                        p.Put(1);
                    }
                });
                for (int i = 0; i < 64; i++)
                {
                    results[i] = await reads[i];
                }
            });

            // Every byte is written before the pipes are looked at (reads cancelled early end before theirs comes).
            await Hostile.Within(feeder!, ring, "the feeder");

            Assert.True(controlFailure is null, controlFailure);
            ledger.AssertEachEndedOnce();
            for (int i = 0; i < 64; i++)
            {
                // A result took the pipe's byte; anything else left it there.
                int expected = results[i].Ending == Ending.Result ? 0 : 1;
                Assert.True(
                    pipes[i].Pending == expected && (results[i].Ending != Ending.Result || results[i].Value == 1) && results[i].Ending != Ending.Errno,
                    $"read {i}: {results[i].Ending} {results[i].Value} {results[i].Error?.Message}, the pipe holds {pipes[i].Pending}");
            }

            if (call == "Dispose")
            {
                Assert.Empty(ring.Abandoned);
            }
            else
            {
                await Hostile.Until(() => ring.InFlightCount == 0, "nothing in flight");
            }
        }
        finally
        {
            await ring.DisposeAsync();
            foreach (RawPipe p in pipes)
            {
                p.Dispose();
            }
        }
    }

    /// <summary>What the first continuation of the batch does to its own ring; a message when the ring answered wrong.</summary>
    private static async Task<string?> MidBatch(IoRing ring, string call, RawPipe[] pipes, int self)
    {
        switch (call)
        {
            case "CancelAll":
                ring.CancelAll();
                return null;
            case "CancelByFd":
                foreach (RawPipe p in pipes)
                {
                    ring.CancelByFd(p.Read);
                }

                return null;
            case "quiesce":
                // Awaited here: it waits for the rest of the batch (their bytes are there), so it drains.
                QuiesceResult quiesce = await ring.QuiesceAsync(Hostile.Bound);
                string? wrong = quiesce.Drained ? null : $"a quiesce from the first continuation did not drain: {quiesce.StillInFlight.Count} still in flight";
                quiesce.Dispose();
                return wrong;
            default:
                ring.Dispose();
                return null;
        }
    }
}
