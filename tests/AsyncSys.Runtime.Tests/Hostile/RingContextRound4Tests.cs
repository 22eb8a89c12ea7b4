using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace AsyncSys.Runtime.Tests.Hostile;

/// <summary>
/// Code run with <see cref="IoRing.RunOnRingAsync(Func{Task})"/> that misbehaves or does unusual things (docs/performance.md
/// "Continuations on the ring thread", the method's XML docs): bodies that throw, block for seconds, await other things
/// than the ring's operations, leave the context with ConfigureAwait(false), nest, and dispose their own ring.
/// </summary>
public sealed class RingContextRound4Tests
{
    public static TheoryData<IoBackend> Backends => new() { IoBackend.IoUring, IoBackend.LinuxAio, IoBackend.Workers };

    public static TheoryData<IoBackend, int> BackendsAndRings
    {
        get
        {
            var data = new TheoryData<IoBackend, int>();
            foreach (IoBackend backend in new[] { IoBackend.IoUring, IoBackend.LinuxAio, IoBackend.Workers })
            {
                data.Add(backend, 1);
                data.Add(backend, 2);
            }

            return data;
        }
    }

    private static unsafe long ReadOne(ref int fd)
    {
        byte b;
        return Sys.read(fd, &b, 1);
    }

    /// <summary>Where this code runs: the ring thread under a ring's context (io_uring), or the pool with no context.</summary>
    private static string Where() => $"thread {Environment.CurrentManagedThreadId} '{Thread.CurrentThread.Name}', pool {Thread.CurrentThread.IsThreadPoolThread}, context {SynchronizationContext.Current?.GetType().Name ?? "none"}";

    /// <summary>Asserts the loop is where the docs put it: on io_uring the ring thread it started on, under that context.</summary>
    private static void AssertOnLoopThread(IoRing ring, int thread, SynchronizationContext? context, string after)
    {
        if (ring.Backend == IoBackend.IoUring)
        {
            Assert.True(thread == Environment.CurrentManagedThreadId && ReferenceEquals(context, SynchronizationContext.Current), $"after {after} the loop is off its ring thread: {Where()}");
        }
        else
        {
            Assert.True(SynchronizationContext.Current is null && Thread.CurrentThread.IsThreadPoolThread, $"after {after} (no ring thread): {Where()}");
        }
    }

    private sealed class LoopFault : Exception
    {
        public LoopFault(string message)
            : base(message)
        {
        }
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public async Task Loop_bodies_that_throw_before_or_after_awaits_of_every_kind_fault_only_their_own_task(IoBackend backend)
    {
        using IoRing ring = Hostile.Create(backend, DeliveryMode.RingContext);
        using IoRing other = Hostile.Create(backend, DeliveryMode.Pool);
        using var pipe = new RawPipe();

        // A delegate that throws instead of returning a task, on the ring thread itself.
        Task thrownAtOnce = ring.RunOnRingAsync(() => throw new LoopFault("at once"));
        Assert.Equal("at once", (await Assert.ThrowsAsync<LoopFault>(() => Hostile.Within(thrownAtOnce, ring, "a loop that throws at once"))).Message);

        var bodies = new (string What, Func<Task> Await)[]
        {
            ("nothing", () => Task.CompletedTask),
            ("a ring nop", async () => await ring.NopAsync()),
            ("a waiting read", async () =>
            {
                _ = Task.Run(async () =>
                {
                    await Hostile.UntilPending(ring);
                    pipe.Put(1);
                });
                await ring.ReadAsync(pipe.Read, new byte[1]);
            }),
            ("a failed read", async () => await DeliveryModes.Fails<ErrnoException>(async () => await ring.ReadAsync(pipe.Write, new byte[1]))),
            ("Task.Yield", async () => await Task.Yield()),
            ("Task.Delay", () => Task.Delay(5)),
            ("another ring's nop", async () => await other.NopAsync()),
            ("a blocking call", async () => await ring.RunBlockingAsync(0, static (ref int _) => 0)),
        };

        foreach ((string what, Func<Task> awaitIt) in bodies)
        {
            Task loop = ring.RunOnRingAsync(async () =>
            {
                await awaitIt();
                throw new LoopFault(what);
            });
            Assert.Equal(what, (await Assert.ThrowsAsync<LoopFault>(() => Hostile.Within(loop, ring, $"a loop that throws after {what}"))).Message);

            Task<int> valued = ring.RunOnRingAsync<int>(async () =>
            {
                await awaitIt();
                throw new LoopFault(what + " (valued)");
            });
            Assert.Equal(what + " (valued)", (await Assert.ThrowsAsync<LoopFault>(() => Hostile.Within(valued, ring, $"a valued loop that throws after {what}"))).Message);

            // OperationCanceledException from the body: the loop's task is cancelled, as an async method's would be.
            using var cts = new CancellationTokenSource();
            cts.Cancel();
            Task cancelled = ring.RunOnRingAsync(async () =>
            {
                await awaitIt();
                cts.Token.ThrowIfCancellationRequested();
            });
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Hostile.Within(cancelled, ring, $"a loop cancelled after {what}"));
            Assert.True(cancelled.IsCanceled, $"a loop that threw OperationCanceledException after {what} is {cancelled.Status}");

            // The ring goes on: a loop returns its value, a read gets its byte.
            Assert.Equal(42, await Hostile.Within(ring.RunOnRingAsync(async () =>
            {
                await ring.NopAsync();
                return 42;
            }), ring, "a loop after the faults"));
        }

        pipe.Put(9);
        Assert.Equal(1, await ring.ReadAsync(pipe.Read, new byte[1]));
        Assert.Equal(0, ring.InFlightCount);
    }

    [Theory]
    [MemberData(nameof(BackendsAndRings))]
    public async Task Awaits_of_every_kind_in_the_loop_come_back_to_its_ring_thread_and_ConfigureAwait_false_leaves_it(IoBackend backend, int rings)
    {
        using IoRing ring = Hostile.Create(backend, DeliveryMode.RingContext, o => o.Rings = rings);
        using IoRing other = Hostile.Create(backend, DeliveryMode.Pool);
        var pipes = Enumerable.Range(0, 4).Select(_ => new RawPipe()).ToArray();
        try
        {
            // Four loops at once: on two rings they take turns over the rings.
            Task[] loops = Enumerable.Range(0, 4).Select(i => ring.RunOnRingAsync(async () =>
            {
                RawPipe pipe = pipes[i];
                int thread = Environment.CurrentManagedThreadId;
                SynchronizationContext? context = SynchronizationContext.Current;
                if (backend == IoBackend.IoUring)
                {
                    Assert.NotNull(context);
                    Assert.True(Round4.OnRingThread(), Where());
                }

                await ring.NopAsync();
                AssertOnLoopThread(ring, thread, context, "a nop");

                _ = Task.Run(async () =>
                {
                    await Task.Delay(5);
                    pipe.Put(1);
                });
                Assert.Equal(1, await ring.ReadAsync(pipe.Read, new byte[1]));
                AssertOnLoopThread(ring, thread, context, "a read that waited");

                using (var cts = new CancellationTokenSource())
                {
                    ValueTask<int> read = ring.ReadAsync(pipe.Read, new byte[1], cts.Token);
                    _ = Task.Run(cts.Cancel);
                    await DeliveryModes.Fails<OperationCanceledException>(async () => await read);
                    AssertOnLoopThread(ring, thread, context, "a read cancelled from another thread");
                }

                await DeliveryModes.Fails<ErrnoException>(async () => await ring.ReadAsync(pipe.Write, new byte[1]));
                AssertOnLoopThread(ring, thread, context, "a read that failed");

                await Task.Yield();
                AssertOnLoopThread(ring, thread, context, "Task.Yield");

                await Task.Delay(3);
                AssertOnLoopThread(ring, thread, context, "Task.Delay");

                _ = Task.Run(async () =>
                {
                    await Task.Delay(5);
                    pipe.Put(2);
                });
                Assert.Equal(1, await other.ReadAsync(pipe.Read, new byte[1]));
                AssertOnLoopThread(ring, thread, context, "another ring's read");

                pipe.Put(3);
                Assert.Equal(1, (await ring.RunBlockingAsync(pipe.Read, ReadOne)).ThrowIfFailed("read"));
                AssertOnLoopThread(ring, thread, context, "a blocking call");

                pipe.Put(4);
                Assert.Equal(1, await HostileLibc.ReadAsync(ring, pipe.Read, new byte[1]));
                AssertOnLoopThread(ring, thread, context, "a generated read");

                // A nested loop runs under a ring's context (on two rings, maybe the other's) and its await brings this one back.
                int nestedThread = await ring.RunOnRingAsync(async () =>
                {
                    if (backend == IoBackend.IoUring)
                    {
                        Assert.True(Round4.OnRingThread() && SynchronizationContext.Current is not null, "nested: " + Where());
                    }

                    await ring.NopAsync();
                    return Environment.CurrentManagedThreadId;
                });
                AssertOnLoopThread(ring, thread, context, "a nested loop");
                if (backend == IoBackend.IoUring && rings == 1)
                {
                    Assert.Equal(thread, nestedThread);
                }

                // ConfigureAwait(false) on an operation that really waits: delivered as in the default mode, never on the ring thread.
                _ = Task.Run(async () =>
                {
                    await Task.Delay(5);
                    pipe.Put(5);
                });
                Assert.Equal(1, await ring.ReadAsync(pipe.Read, new byte[1]).ConfigureAwait(false));
                Assert.True(SynchronizationContext.Current is null && !Round4.OnRingThread(), "after ConfigureAwait(false): " + Where());
                await ring.NopAsync();
                Assert.True(SynchronizationContext.Current is null && !Round4.OnRingThread(), "after ConfigureAwait(false) and a nop: " + Where());
            })).ToArray();

            await Hostile.Within(Task.WhenAll(loops), ring, "the loops");
        }
        finally
        {
            foreach (RawPipe p in pipes)
            {
                p.Dispose();
            }
        }

        Assert.Equal(0, ring.InFlightCount);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Ring_thread_code_that_blocks_for_seconds_is_reported_while_it_runs_and_the_ring_recovers(bool inline)
    {
        using var events = new AsyncSysEvents();
        IoRing ring = Hostile.Create(IoBackend.IoUring, inline ? DeliveryMode.Inline : DeliveryMode.RingContext);
        using var steady = new RingMeter(ring.Name);
        using var pipe = new RawPipe();
        using var trigger = new RawPipe();
        try
        {
            // An operation awaited from the pool, fed while the ring thread is held.
            Task<int> pooled = Task.Run(async () => await ring.ReadAsync(pipe.Read, new byte[1]));
            await Hostile.UntilPending(ring);

            bool reportedWhileRunning = false;
            int reportsDuringStall = 0;
            async Task Block()
            {
                Assert.True(Round4.OnRingThread(), Where());
                pipe.Put(1);
                var clock = System.Diagnostics.Stopwatch.StartNew();
                while (events.Count(12, ring.Name) == 0 && clock.Elapsed < TimeSpan.FromSeconds(20))
                {
                    Thread.Sleep(20);
                }

                reportedWhileRunning = events.Count(12, ring.Name) > 0;

                // Held on for more of the watchdog timer's rounds: still one report for this one stall.
                Thread.Sleep(1200);
                reportsDuringStall = events.Count(12, ring.Name);
                await Task.CompletedTask;
            }

            if (inline)
            {
                // An inline continuation runs on the ring thread and blocks there.
                // A read listed in flight may complete before its await registers (the await then goes on where it is,
                // on the pool: seen once in the third run), so it is tried again until it resumes on the ring thread.
                Task blocked = Task.Run(async () =>
                {
                    for (int attempt = 0; ; attempt++)
                    {
                        Assert.True(attempt < 50, "the trigger read never resumed its awaiter on the ring thread");
                        _ = Task.Run(async () =>
                        {
                            await Hostile.Until(() => ring.GetInFlightOperations().Count(o => o.Fd == trigger.Read) == 1, "the trigger read waits");
                            await Task.Delay(5);
                            trigger.Put(1);
                        });
                        await ring.ReadAsync(trigger.Read, new byte[1]);
                        if (Round4.OnRingThread())
                        {
                            await Block();
                            return;
                        }
                    }
                });
                await Hostile.Within(blocked, ring, "the blocking continuation", TimeSpan.FromSeconds(60));
            }
            else
            {
                await Hostile.Within(ring.RunOnRingAsync(Block), ring, "the blocking loop", TimeSpan.FromSeconds(60));
            }

            Assert.True(reportedWhileRunning, "no RingThreadStalled event while the ring thread was held: " + string.Join(", ", events.Events.Select(e => $"{e.Id} {e.Name}")));
            Assert.Equal(1, reportsDuringStall);
            Assert.Equal(1, await Hostile.Within(pooled, ring, "the pool's read fed during the stall"));
            await Hostile.Until(() => events.Count(8, ring.Name) >= 1, "a LongContinuation event for the stall");
            await Hostile.Until(() => steady["asyncsys.ring.stalls"] == 1, $"the stall counter says 1: {steady}");

            // The ring works on, and delivery is restored. The event is written by the first delivery after the pool
            // period (an idle ring restores nothing: the first run waited 30 s for it with nothing to deliver), so the
            // ring is kept busy until it comes.
            var clock = System.Diagnostics.Stopwatch.StartNew();
            while (events.Count(9, ring.Name) == 0)
            {
                Assert.True(clock.Elapsed < Hostile.Bound, "no InlineDeliveryRestored event while the ring kept delivering after the stall");
                await Hostile.Within(ring.RunOnRingAsync(async () => await ring.NopAsync()), ring, "a loop after the stall");
                await ring.NopAsync();
                await Task.Delay(5);
            }

            Assert.True(await Hostile.Within(ring.RunOnRingAsync(async () =>
            {
                await ring.NopAsync();
                return Round4.OnRingThread();
            }), ring, "a loop after the stall"));
            Assert.Equal(1, events.Count(12, ring.Name));
        }
        finally
        {
            ring.Dispose();
        }

        Assert.Empty(ring.Abandoned);
    }

    [Theory]
    [MemberData(nameof(BackendsAndRings))]
    public async Task A_loop_that_disposes_its_own_ring_ends_every_operation_and_awaits_after_it_still_resume(IoBackend backend, int rings)
    {
        IoRing ring = Hostile.Create(backend, DeliveryMode.RingContext, o => o.Rings = rings);
        var pipes = Enumerable.Range(0, 4).Select(_ => new RawPipe()).ToArray();
        var ledger = new Ledger();
        SynchronizationContext? context = ring.RingContext;
        try
        {
            Task<string> loop = ring.RunOnRingAsync(async () =>
            {
                var fromPool = Enumerable.Range(1, 3).Select(i => Task.Run(() => ledger.Track(() => ring.ReadAsync(pipes[i].Read, new byte[1]), "pool read"))).ToArray();
                var mine = ledger.Track(() => ring.ReadAsync(pipes[0].Read, new byte[1]), "the loop's read");
                await Hostile.Until(() => ring.InFlightCount >= 4, "the reads wait");

                // Dispose from the loop itself (on io_uring: its own ring thread). It must return.
                ring.Dispose();
                var endings = new List<Ending> { (await mine).Ending };
                foreach (var t in fromPool)
                {
                    endings.Add((await t).Ending);
                }

                // Work that comes back to the disposed ring's context still runs.
                await Task.Delay(5);
                await Task.Yield();
                await DeliveryModes.Fails<ObjectDisposedException>(async () => await ring.NopAsync());
                return string.Join(",", endings);
            });

            Assert.Equal("Disposed,Disposed,Disposed,Disposed", await Hostile.Within(loop, ring, "the loop that disposed its ring"));
            await DeliveryModes.Fails<ObjectDisposedException>(() => ring.RunOnRingAsync(() => Task.CompletedTask));

            // Posted to the context after disposal: runs (on the pool).
            if (context is not null)
            {
                var ran = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
                context.Post(_ => ran.SetResult(Thread.CurrentThread.IsThreadPoolThread), null);
                Assert.True(await Hostile.Within(ran.Task, ring, "work posted after disposal"), "work posted after disposal did not run on the pool");
            }
        }
        finally
        {
            ring.Dispose();
            foreach (RawPipe p in pipes)
            {
                p.Dispose();
            }
        }

        ledger.AssertEachEndedOnce();
        await Hostile.Until(() => ring.InFlightCount == 0, "nothing in flight");
        Assert.Empty(ring.Abandoned);
    }

    [Theory]
    [MemberData(nameof(BackendsAndRings))]
    public async Task Loops_awaiting_timers_and_nops_while_another_thread_disposes_the_ring_all_resume_and_end(IoBackend backend, int rings)
    {
        int rounds = Hostile.Rounds(5, 60);
        for (int round = 0; round < rounds; round++)
        {
            IoRing ring = Hostile.Create(backend, DeliveryMode.RingContext, o => o.Rings = rings);
            int iterations = 0;
            try
            {
                Task<string>[] loops = Enumerable.Range(0, 8).Select(i => ring.RunOnRingAsync(async () =>
                {
                    for (int n = 0; ; n++)
                    {
                        Interlocked.Increment(ref iterations);
                        if (n % 2 == 0)
                        {
                            await Task.Delay(1);
                        }
                        else
                        {
                            await Task.Yield();
                        }

                        try
                        {
                            await ring.NopAsync();
                        }
                        catch (ObjectDisposedException)
                        {
                            return "disposed";
                        }
                    }
                })).ToArray();

                await Hostile.Until(() => Volatile.Read(ref iterations) > 40, "the loops run");
                if (round % 2 == 0)
                {
                    await Task.Run(ring.Dispose);
                }
                else
                {
                    await Task.Run(async () => await ring.DisposeAsync());
                }

                foreach (Task<string> loop in loops)
                {
                    Assert.Equal("disposed", await Hostile.Within(loop, ring, "a loop after its ring was disposed"));
                }
            }
            finally
            {
                ring.Dispose();
            }

            Assert.Equal(0, ring.InFlightCount);
            Assert.Empty(ring.Abandoned);
        }
    }

    [Theory]
    [MemberData(nameof(BackendsAndRings))]
    public async Task Many_concurrent_loops_returning_values_or_throwing_each_reach_their_own_caller(IoBackend backend, int rings)
    {
        const int Loops = 64;
        using IoRing ring = Hostile.Create(backend, DeliveryMode.RingContext, o => o.Rings = rings);
        Task<int>[] loops = Enumerable.Range(0, Loops).Select(i => Task.Run(() => ring.RunOnRingAsync<int>(async () =>
        {
            for (int n = 0; n < i % 5; n++)
            {
                await ring.NopAsync();
                await Task.Yield();
            }

            return i % 7 == 3 ? throw new LoopFault($"loop {i}") : i * 3;
        }))).ToArray();

        for (int i = 0; i < Loops; i++)
        {
            if (i % 7 == 3)
            {
                Assert.Equal($"loop {i}", (await Assert.ThrowsAsync<LoopFault>(() => Hostile.Within(loops[i], ring, $"loop {i}"))).Message);
            }
            else
            {
                Assert.Equal(i * 3, await Hostile.Within(loops[i], ring, $"loop {i}"));
            }
        }

        Assert.Equal(0, ring.InFlightCount);
    }
}
