using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics.Metrics;
using System.Diagnostics.Tracing;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys.Backends.IoUring;
using AsyncSys.Runtime.Tests.Reliability;

namespace AsyncSys.Runtime.Tests;

/// <summary>
/// Code run on a ring's own thread (IoRing.RunOnRingAsync) keeps every await on that thread; awaiters that did not
/// capture the ring's context never run there; a continuation that runs long on the ring thread trips the watchdog,
/// which moves unbound continuations to the pool until it recovers. Real io_uring rings, pipes and files.
/// </summary>
public sealed class RingContextTests
{
    private static IoRing Create(string name, bool inline = false, bool lacksNop = false, TimeSpan? threshold = null, TimeSpan? poolPeriod = null) =>
        IoRing.Create(new IoRingOptions
        {
            Backend = IoBackend.IoUring,
            Capacity = 128,
            Name = name,
            InlineContinuations = inline,
            PretendKernelLacks = lacksNop ? new[] { RingOp.Nop } : Array.Empty<RingOp>(),
            LongContinuationThreshold = threshold,
            PoolDeliveryPeriod = poolPeriod,
        });

    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(20);

    private static Task<int> RingThreadId(IoRing ring) => ring.RunOnRingAsync(() => Task.FromResult(Environment.CurrentManagedThreadId));

    [Theory]
    [InlineData(false)]
    [InlineData(true)] // Nop on a worker: the result comes from another thread and is handed to the ring thread
    public async Task A_loop_on_the_ring_context_stays_on_the_ring_thread_across_many_awaits(bool nopOnWorkers)
    {
        using IoRing ring = Create("ctx-loop-" + nopOnWorkers, lacksNop: nopOnWorkers);
        using var file = new TempFile(64 * 1024);
        using var pipe = new Pipe();
        int ringThread = await RingThreadId(ring);
        Assert.NotEqual(Environment.CurrentManagedThreadId, ringThread);

        List<int> threads = await ReliabilityAssert.WithinResult(ring.RunOnRingAsync(async () =>
        {
            var seen = new List<int>();
            using var handle = System.IO.File.OpenHandle(file.Path);
            byte[] buffer = new byte[4096];
            Assert.Same(ring.RingContext, SynchronizationContext.Current);
            for (int i = 0; i < 2000; i++)
            {
                await ring.NopAsync();
                seen.Add(Environment.CurrentManagedThreadId);
                int read = await ring.ReadAsync(handle, buffer, (i % 16) * 4096L);
                Assert.Equal(4096, read);
                Assert.Equal(file.Content[(i % 16) * 4096], buffer[0]);
                seen.Add(Environment.CurrentManagedThreadId);
            }

            // A read that really waits: the pipe is written from another thread 20 ms later.
            _ = Task.Run(async () => { await Task.Delay(20); pipe.Write(new byte[] { 42 }); });
            Assert.Equal(1, await ring.ReadAsync(pipe.ReadFd, buffer));
            Assert.Equal(42, buffer[0]);
            seen.Add(Environment.CurrentManagedThreadId);

            // Awaits of other things come back through the context; a blocking call comes back from its worker.
            await Task.Yield();
            seen.Add(Environment.CurrentManagedThreadId);
            await Task.Delay(1);
            seen.Add(Environment.CurrentManagedThreadId);
            Assert.Equal(7, (await ring.RunBlockingAsync(7, static (ref int state) => state)).Value);
            seen.Add(Environment.CurrentManagedThreadId);
            return seen;
        }), "a loop of awaits on the ring context");

        Assert.Equal(4004, threads.Count);
        Assert.All(threads, id => Assert.Equal(ringThread, id));
    }

    [Fact]
    public async Task DisposeAsync_awaited_by_code_on_the_ring_context_finishes_on_the_pool_and_frees_the_ring()
    {
        // With nothing in flight the disposal stops the backend, which joins the ring thread: awaited here, it must
        // not come back to this thread to do that (it joined itself, timed out and left the ring allocated).
        IoRing ring = Create("ctx-dispose-async");
        var backend = Assert.IsType<IoUringBackend>(ring.RingBackend);
        await ReliabilityAssert.Within(ring.RunOnRingAsync(async () =>
        {
            await ring.NopAsync();
            await ring.DisposeAsync();
        }), "DisposeAsync awaited on the ring context");
        await ReliabilityAssert.Within(ring.DisposeAsync().AsTask(), "the disposal begun on the ring context");
        Assert.True(backend.IsStopped, "the ring thread still runs");
        Assert.True(ring.NativeMemoryFreed, "the disposal left the ring's memory and descriptor allocated");
        Assert.Empty(ring.Abandoned);
    }

    [Fact]
    public async Task Admissions_counted_on_the_ring_thread_and_on_the_pool_at_once_add_up_for_a_reader_on_another_thread()
    {
        // The ring thread counts its admissions with a plain add while pool threads count theirs with an interlocked one
        // (OperationTable.TryRent): a reader on a third thread never sees the total go back, and the totals and the
        // asyncsys.ops counters agree once every loop has ended.
        using IoRing ring = Create("ctx-admitted-concurrent");
        using var counts = new ImmediateAttemptTests.RingCounts(ring.Name);
        const int Loops = 4, PerLoop = 500;
        long before = ring.Table.AdmittedTotal;
        using var stop = new CancellationTokenSource();
        int wentBack = 0;
        long samples = 0;
        var reader = new Thread(() =>
        {
            long last = ring.Table.AdmittedTotal;
            while (!stop.IsCancellationRequested)
            {
                long now = ring.Table.AdmittedTotal;
                if (now < last)
                {
                    Interlocked.Increment(ref wentBack);
                }

                last = now;
                samples++;
                Thread.Yield();
            }
        }) { IsBackground = true };
        reader.Start();

        async Task NopLoop()
        {
            for (int i = 0; i < PerLoop; i++)
            {
                await ring.NopAsync();
            }
        }

        Task onRing = ring.RunOnRingAsync(() => Task.WhenAll(Enumerable.Range(0, Loops).Select(_ => NopLoop())));
        Task onPool = Task.WhenAll(Enumerable.Range(0, Loops).Select(_ => Task.Run(NopLoop)));
        await ReliabilityAssert.Within(Task.WhenAll(onRing, onPool), "Nop loops on the ring thread and on the pool");
        stop.Cancel();
        ReliabilityAssert.Joins(reader, "the reader");

        Assert.Equal(0, wentBack);
        Assert.True(samples > 0);
        Assert.Equal(2 * Loops * PerLoop, ring.Table.AdmittedTotal - before);
        Assert.Equal(2 * Loops * PerLoop, counts["asyncsys.ops.submitted"]);
        Assert.Equal(2 * Loops * PerLoop, counts["asyncsys.ops.completed"]);
        Assert.Equal(0, ring.InFlightCount);
    }

    [Fact]
    public async Task Submissions_from_the_ring_thread_are_counted_as_admitted_and_refused_once_its_code_disposed_the_ring()
    {
        // The ring's own thread submits without a lease and counts its admissions apart (IoRing.TryStart): the totals
        // must still add up with submissions from other threads, and a ring disposed by code on that thread refuses it.
        IoRing ring = Create("ctx-admitted");
        long before = ring.Table.AdmittedTotal;
        await ReliabilityAssert.Within(ring.RunOnRingAsync(async () =>
        {
            for (int i = 0; i < 500; i++)
            {
                await ring.NopAsync();
            }
        }), "500 Nops from the ring thread");
        await ReliabilityAssert.Within(Task.Run(async () =>
        {
            for (int i = 0; i < 300; i++)
            {
                await ring.NopAsync().ConfigureAwait(false);
            }
        }), "300 Nops from the pool");
        Assert.Equal(800, ring.Table.AdmittedTotal - before);
        Assert.Equal(0, ring.InFlightCount);

        Exception? refused = await ReliabilityAssert.WithinResult(ring.RunOnRingAsync(async () =>
        {
            ring.Dispose(); // on its own thread: admission closes now, the drain finishes on the pool
            return await Record.ExceptionAsync(async () => await ring.NopAsync());
        }), "a Nop after Dispose on the ring thread");
        Assert.IsType<ObjectDisposedException>(refused);
        await ReliabilityAssert.Within(ring.DisposeAsync().AsTask(), "the disposal begun on the ring thread");
        Assert.Equal(800, ring.Table.AdmittedTotal - before);
    }

    [Fact]
    public async Task An_operation_awaited_after_the_ring_thread_reaped_it_still_resumes_on_the_ring_thread()
    {
        // Both Nops go to the kernel in one io_uring_enter and complete in order: the first is reaped before anyone
        // awaits it, then the second's continuation, inline in the same reaping pass, awaits the first.
        using IoRing ring = Create("ctx-late-await");
        int ringThread = await RingThreadId(ring);

        int[] threads = await ReliabilityAssert.WithinResult(ring.RunOnRingAsync(async () =>
        {
            var seen = new int[200];
            for (int i = 0; i < 100; i++)
            {
                ValueTask first = ring.NopAsync();
                await ring.NopAsync();
                seen[2 * i] = Environment.CurrentManagedThreadId;
                await first;
                Assert.Same(ring.RingContext, SynchronizationContext.Current);
                seen[(2 * i) + 1] = Environment.CurrentManagedThreadId;
            }

            return seen;
        }), "awaits of operations already reaped");

        Assert.All(threads, id => Assert.Equal(ringThread, id));
    }

    [Fact]
    public async Task Loops_on_the_ring_context_share_the_ring_thread_even_when_every_read_hits_the_page_cache()
    {
        // A read tried at once would complete synchronously every time and the first loop would keep the thread.
        using IoRing ring = Create("ctx-fair");
        using var file = new TempFile(64 * 1024);
        using var handle = System.IO.File.OpenHandle(file.Path);
        var reads = new long[4];
        using var stop = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        Task[] loops = Enumerable.Range(0, reads.Length).Select(loop => ring.RunOnRingAsync(async () =>
        {
            byte[] buffer = new byte[4096];
            while (!stop.IsCancellationRequested)
            {
                Assert.Equal(4096, await ring.ReadAsync(handle, buffer, 4096L * loop));
                reads[loop]++;
            }
        })).ToArray();
        await ReliabilityAssert.Within(Task.WhenAll(loops), "page-cached read loops on the ring context");
        Assert.All(reads, count => Assert.True(count > 10, $"every loop made progress: {string.Join(", ", reads)}"));
    }

    [Fact]
    public async Task Awaiters_that_did_not_capture_the_ring_context_never_run_on_the_ring_thread()
    {
        using IoRing ring = Create("ctx-default");
        int ringThread = await RingThreadId(ring);
        var seen = new ConcurrentBag<int>();

        // From pool threads: the default mode.
        await ReliabilityAssert.Within(Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            for (int i = 0; i < 500; i++)
            {
                await ring.NopAsync();
                seen.Add(Environment.CurrentManagedThreadId);
            }
        }))), "Nops awaited from the pool");

        // From the ring context, but with ConfigureAwait(false): the awaiter asked not to come back.
        await ReliabilityAssert.Within(ring.RunOnRingAsync(async () =>
        {
            await ring.NopAsync().ConfigureAwait(false);
            seen.Add(Environment.CurrentManagedThreadId);
            for (int i = 0; i < 200; i++)
            {
                await ring.NopAsync();
                seen.Add(Environment.CurrentManagedThreadId);
            }
        }), "Nops awaited without the context");

        Assert.Equal(8 * 500 + 201, seen.Count);
        Assert.DoesNotContain(ringThread, seen);
    }

    [Fact]
    public async Task A_loop_on_a_set_of_rings_submits_to_its_own_ring_and_stays_there()
    {
        using IoRing set = IoRing.Create(new IoRingOptions { Backend = IoBackend.IoUring, Capacity = 32, Name = "ctx-set", Rings = 3 });
        int[] threads = await ReliabilityAssert.WithinResult(Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Run(() => set.RunOnRingAsync(async () =>
        {
            int first = Environment.CurrentManagedThreadId;
            for (int i = 0; i < 300; i++)
            {
                await set.NopAsync();
                Assert.Equal(first, Environment.CurrentManagedThreadId);
            }

            return first;
        })))), "loops on a set of rings");
        Assert.All(threads, id => Assert.NotEqual(Environment.CurrentManagedThreadId, id));
    }

    [Fact]
    public async Task Loops_started_from_one_thread_take_turns_over_the_rings_of_a_set()
    {
        // Rings = 2 asks for a set; loops must use both ring threads even though one thread starts them all (an
        // accept loop does): picking the starting thread's processor would put them all on one ring.
        using IoRing set = IoRing.Create(new IoRingOptions { Backend = IoBackend.IoUring, Capacity = 32, Name = "ctx-turns", Rings = 2 });
        Assert.Equal(2, set.MemberCount);
        Assert.EndsWith("2 rings", set.BackendDescription);
        var loops = new List<Task<int>>();
        for (int i = 0; i < 4; i++)
        {
            loops.Add(set.RunOnRingAsync(async () =>
            {
                int thread = Environment.CurrentManagedThreadId;
                for (int n = 0; n < 50; n++)
                {
                    await set.NopAsync();
                    Assert.Equal(thread, Environment.CurrentManagedThreadId);
                }

                return thread;
            }));
        }

        int[] threads = await ReliabilityAssert.WithinResult(Task.WhenAll(loops), "loops over a set of two rings");
        Assert.Equal(2, threads.Distinct().Count());
        Assert.Equal(threads[0], threads[2]); // turns: first, second, first, second
        Assert.Equal(threads[1], threads[3]);
        Assert.Equal(0, set.InFlightCount);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)] // then CancelAll cancels each operation by id, and the held one's cancel waits for its entry
    public async Task Operations_cancelled_or_timed_out_by_the_ring_code_that_submitted_them_end_so_exactly_once(bool lacksBulkCancel)
    {
        // Code on the ring thread hands its entries to the kernel only when it yields (the ring thread writes them in
        // one go). A cancel it asks for before that must still reach the kernel after its target, or the read would
        // wait on the empty pipe for ever; a cancel-all likewise; and a deadline must ride with its own entry.
        using IoRing ring = IoRing.Create(new IoRingOptions { Backend = IoBackend.IoUring, Capacity = 32, Name = "ctx-held-cancel", PretendKernelLacksBulkCancel = lacksBulkCancel });
        using var pipe = new Pipe();
        var outcomes = await ReliabilityAssert.WithinResult(ring.RunOnRingAsync(async () =>
        {
            using var cancel = new CancellationTokenSource();
            ValueTask<int> byToken = ring.ReadAsync(pipe.ReadFd, new byte[1], cancel.Token);
            cancel.Cancel();
            ValueTask<int> byCancelAll = ring.ReadAsync(pipe.ReadFd, new byte[1]);
            int cancelledNow = ring.CancelAll();
            ValueTask<int> byDeadline = ring.SubmitAsync(RingRequest.Read(pipe.ReadFd, new byte[1], -1).WithTimeout(TimeSpan.FromMilliseconds(30)));
            ValueTask nop = ring.NopAsync(); // held with the others, and not cancelled: it completes
            await nop;
            return (await Outcome(byToken), await Outcome(byCancelAll), await Outcome(byDeadline), cancelledNow, 7);
        }), "ring-thread reads cancelled before they reached the kernel");

        Assert.Equal("OperationCanceledException", outcomes.Item1);
        Assert.Equal("OperationCanceledException", outcomes.Item2);
        Assert.Equal("ETIME", outcomes.Item3);
        Assert.True(outcomes.cancelledNow >= 1, $"CancelAll saw {outcomes.cancelledNow} operations");
        Assert.Equal(7, outcomes.Item5);
        Assert.Equal(0, ring.InFlightCount);

        static async Task<string> Outcome(ValueTask<int> read)
        {
            try
            {
                return $"read {await read}";
            }
            catch (OperationCanceledException)
            {
                return nameof(OperationCanceledException);
            }
            catch (ErrnoException ex)
            {
                return Errno.NameOf(ex.Errno);
            }
        }
    }

    [Fact]
    public async Task Cancel_and_dispose_end_each_awaited_operation_once_on_the_ring_context()
    {
        IoRing ring = Create("ctx-cancel");
        using var pipe = new Pipe();
        int ringThread = await RingThreadId(ring);
        var cancel = new CancellationTokenSource();
        int cancelled = 0, disposed = 0, other = 0, offRing = 0;

        async Task ReadOnce(CancellationToken token)
        {
            try
            {
                await ring.ReadAsync(pipe.ReadFd, new byte[1], token);
                Interlocked.Increment(ref other);
            }
            catch (ObjectDisposedException)
            {
                Interlocked.Increment(ref disposed);
            }
            catch (OperationCanceledException)
            {
                Interlocked.Increment(ref cancelled);
            }

            if (Environment.CurrentManagedThreadId != ringThread)
            {
                Interlocked.Increment(ref offRing);
            }
        }

        Task<Task[]> started = ring.RunOnRingAsync(() => Task.FromResult(Enumerable.Range(0, 40).Select(i => ReadOnce(i % 2 == 0 ? cancel.Token : CancellationToken.None)).ToArray()));
        Task[] reads = await ReliabilityAssert.WithinResult(started, "reads started on the ring");
        await Task.Delay(20);
        await Task.Run(cancel.Cancel); // from another thread
        await ReliabilityAssert.Within(Task.WhenAll(reads.Where((_, i) => i % 2 == 0)), "cancelled reads");
        Assert.Equal(20, Volatile.Read(ref cancelled));
        Assert.Equal(0, Volatile.Read(ref offRing));

        ring.Dispose(); // the other 20 are still waiting on the pipe
        await ReliabilityAssert.Within(Task.WhenAll(reads), "reads ended by dispose");
        Assert.Equal(20, cancelled);
        Assert.Equal(20, disposed);
        Assert.Equal(0, other);
        cancel.Dispose();
    }

    [Fact]
    public async Task A_blocking_continuation_trips_the_watchdog_other_operations_keep_completing_and_delivery_recovers()
    {
        const string name = "ctx-watchdog";
        using var events = new WatchdogEvents(name);
        long metric = 0;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == "AsyncSys" && instrument.Name == "asyncsys.continuations.long")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            foreach (KeyValuePair<string, object?> tag in tags)
            {
                if (tag.Key == "asyncsys.ring" && (string?)tag.Value == name)
                {
                    Interlocked.Add(ref metric, value);
                }
            }
        });
        listener.Start();

        using IoRing ring = Create(name, inline: true, threshold: TimeSpan.FromMilliseconds(50), poolPeriod: TimeSpan.FromMilliseconds(300));
        var watchdog = ((IoUringBackend)ring.RingBackend).Watchdog;
        int ringThread = await RingThreadId(ring);

        // Inline mode: a continuation resumes on the ring thread (a 20 ms timer: it completes after the await began).
        // On a loaded machine the ring thread can be preempted inside a continuation long enough to trip the
        // watchdog by itself, which sends delivery to the pool for a while: wait until inline delivery holds.
        int firstResume = 0;
        for (int attempt = 0; attempt < 200 && firstResume != ringThread; attempt++)
        {
            firstResume = await Task.Run(async () => { await ring.DelayAsync(Tick); return Environment.CurrentManagedThreadId; });
        }

        Assert.Equal(ringThread, firstResume);
        int tripsBefore = watchdog.Trips;
        long metricBefore = Interlocked.Read(ref metric);

        // Another loop keeps the ring busy and counts its completions. It runs on the ring's context, so it needs no
        // pool thread (the pool may be short of threads on a loaded 2-core machine while one of them sleeps).
        using var stop = new CancellationTokenSource();
        long completed = 0;
        Task busy = ring.RunOnRingAsync(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                await ring.NopAsync();
                Interlocked.Increment(ref completed);
            }
        });

        int secondThread = await ReliabilityAssert.WithinResult(Task.Run(async () =>
        {
            await ring.DelayAsync(Tick);
            Assert.Equal(ringThread, Environment.CurrentManagedThreadId);
            Thread.Sleep(200); // blocks the ring thread: the watchdog trips when it returns

            await ring.DelayAsync(Tick);
            int thread = Environment.CurrentManagedThreadId; // now on the pool
            long before = Interlocked.Read(ref completed);
            Thread.Sleep(100); // blocks a pool thread only: the ring keeps completing the other loop's operations
            Assert.True(Interlocked.Read(ref completed) > before, "the other loop's operations completed while a continuation blocked");
            return thread;
        }), "blocking continuations");

        Assert.NotEqual(ringThread, secondThread);
        // At least the blocking continuation's trip (preemption under load may add others, never remove this one).
        Assert.True(watchdog.Trips > tripsBefore, $"the watchdog did not trip: {watchdog.Trips} trips, {tripsBefore} before");
        Assert.True(Interlocked.Read(ref metric) > metricBefore, "asyncsys.continuations.long was not counted");
        Assert.Contains(events.Stalled, e => e >= 50);

        // After the pool period, short continuations run on the ring thread again.
        int resumedOn = 0;
        for (int attempt = 0; attempt < 200 && resumedOn != ringThread; attempt++)
        {
            await Task.Delay(20);
            resumedOn = await Task.Run(async () => { await ring.DelayAsync(Tick); return Environment.CurrentManagedThreadId; });
        }

        stop.Cancel();
        await ReliabilityAssert.Within(busy, "the busy loop");
        Assert.Equal(ringThread, resumedOn);
        Assert.True(watchdog.Recoveries >= 1);
        Assert.True(events.Restored >= 1);
    }

    [Fact]
    public async Task A_ring_context_loop_that_tripped_the_watchdog_goes_back_to_inline_delivery_after_the_pool_period()
    {
        // Not an inline ring: only ring-context continuations run on the ring thread. The recovery used to be checked
        // only for inline rings, so a ring-context loop that tripped once had every later continuation posted (run
        // after the reaping pass, each timed on its own) for the rest of the ring's life.
        using IoRing ring = Create("ctx-recover", threshold: TimeSpan.FromMilliseconds(20), poolPeriod: TimeSpan.FromMilliseconds(100));
        var watchdog = ((IoUringBackend)ring.RingBackend).Watchdog;
        int ringThread = await RingThreadId(ring);

        (int trips, int recoveries, int ops, int offRing) = await ReliabilityAssert.WithinResult(ring.RunOnRingAsync(async () =>
        {
            await ring.NopAsync();
            int tripsBefore = watchdog.Trips;
            Thread.Sleep(60); // a continuation on the ring context that runs long: the watchdog trips when it returns
            await ring.NopAsync();
            int trips = watchdog.Trips - tripsBefore;

            // Keep the loop going past the pool period; the first delivery after it ends the period.
            int ops = 0, offRing = 0;
            var clock = System.Diagnostics.Stopwatch.StartNew();
            while (watchdog.Recoveries == 0 && clock.Elapsed < TimeSpan.FromSeconds(10))
            {
                await ring.NopAsync();
                ops++;
                offRing += Environment.CurrentManagedThreadId == ringThread ? 0 : 1;
            }

            return (trips, watchdog.Recoveries, ops, offRing);
        }), "a ring-context loop across a trip");

        Assert.True(trips >= 1, "the long continuation did not trip the watchdog");
        Assert.True(recoveries >= 1, $"delivery never went back inline ({ops} operations after the trip)");
        Assert.True(ops > 0);
        Assert.Equal(0, offRing); // posted or inline, ring-context code stays on the ring thread
    }

    [Fact]
    public async Task Code_that_holds_the_ring_thread_past_a_second_is_reported_while_it_still_runs_once_per_stall()
    {
        // What the watchdog cannot undo it reports: a continuation that blocks (here 3 s; for real, a synchronous wait
        // for this ring, or disposing a Socket one of its operations uses) stops every operation of the ring, and
        // Finish only sees it once it is over. A second stall is a second report; short code after it is none.
        using IoRing ring = Create("ctx-stall");
        using var events = new WatchdogEvents("ctx-stall");
        var watchdog = ((IoUringBackend)ring.RingBackend).Watchdog;
        long[] seenWhileBlocked = await ReliabilityAssert.WithinResult(ring.RunOnRingAsync(async () =>
        {
            await ring.NopAsync();
            Thread.Sleep(3000); // the check runs every 0.5 s on the pool: 1.5 s of room for a busy machine
            long[] seen = events.StillRunning; // reported before this code returned
            await ring.NopAsync();
            Thread.Sleep(3000);
            for (int i = 0; i < 200; i++)
            {
                await ring.NopAsync();
            }

            return seen;
        }), "ring-context code that stalls twice");

        Assert.Single(seenWhileBlocked);
        Assert.InRange(seenWhileBlocked[0], 1000, 3000);
        await Task.Delay(1200); // past the next checks: nothing more to report
        Assert.Equal(2, watchdog.Stalls);
        Assert.Equal(2, events.StillRunning.Length);
    }

    private sealed class WatchdogEvents : EventListener
    {
        private readonly string _ring;
        private readonly ConcurrentQueue<double> _stalled = new();
        private readonly ConcurrentQueue<long> _stillRunning = new();
        private int _restored;

        public WatchdogEvents(string ring)
        {
            _ring = ring;
            foreach (EventSource source in EventSource.GetSources())
            {
                OnEventSourceCreated(source);
            }
        }

        public double[] Stalled => _stalled.ToArray();

        /// <summary>Event 12: code still running on the ring thread, with how long it had run (ms).</summary>
        public long[] StillRunning => _stillRunning.ToArray();

        public int Restored => Volatile.Read(ref _restored);

        protected override void OnEventSourceCreated(EventSource eventSource)
        {
            if (eventSource.Name == "AsyncSys" && _ring is not null)
            {
                EnableEvents(eventSource, EventLevel.Informational);
            }
        }

        protected override void OnEventWritten(EventWrittenEventArgs eventData)
        {
            if (eventData.Payload is not { Count: > 0 } payload || (string?)payload[0] != _ring)
            {
                return;
            }

            if (eventData.EventId == 8)
            {
                _stalled.Enqueue(Convert.ToDouble(payload[1], System.Globalization.CultureInfo.InvariantCulture));
            }
            else if (eventData.EventId == 9)
            {
                Interlocked.Increment(ref _restored);
            }
            else if (eventData.EventId == 12)
            {
                _stillRunning.Enqueue(Convert.ToInt64(payload[1], System.Globalization.CultureInfo.InvariantCulture));
            }
        }
    }
}
