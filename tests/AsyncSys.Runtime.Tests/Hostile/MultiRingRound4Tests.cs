using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics.Metrics;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;

namespace AsyncSys.Runtime.Tests.Hostile;

/// <summary>
/// Control calls racing each other on an <see cref="IoRing"/> of two rings (<see cref="IoRingOptions.Rings"/> = 2):
/// CancelAll, QuiesceAsync and reopening, listings, Dispose and DisposeAsync from several threads while reads,
/// accepts, timers, blocking and generated calls are submitted from many threads; a quiesce whose own token is
/// cancelled; a quiesce awaited in a continuation of the ring's own operation; metrics and event listeners attached
/// and detached meanwhile (ARCHITECTURE invariant 9: control calls are safe together).
/// </summary>
public sealed class MultiRingRound4Tests
{
    private static unsafe long ReadOne(ref int fd)
    {
        byte b;
        return Sys.read(fd, &b, 1);
    }

    private static void Interrupt(BlockingCallInfo call) => call.InterruptWorker();

    [Theory]
    [MemberData(nameof(DeliveryModes.Matrix), MemberType = typeof(DeliveryModes))]
    public async Task Control_calls_from_many_threads_racing_submits_of_every_kind_on_two_rings_end_each_operation_once(IoBackend backend, DeliveryMode mode)
    {
        int perLoop = Hostile.Rounds(60, 1200);
        IoRing ring = Hostile.Create(backend, mode, o => o.Rings = 2, capacity: 512);
        var pipes = Enumerable.Range(0, 8).Select(_ => new RawPipe()).ToArray();
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(512);
        var ledger = new Ledger();
        var tracked = new ConcurrentQueue<Task<(Ending Ending, int Value, Exception? Error)>>();
        var accepted = new ConcurrentQueue<Socket>();
        var clients = new ConcurrentQueue<Socket>();
        long fed = 0, taken = 0;
        var wrong = new ConcurrentQueue<string>();
        try
        {
            await Hostile.Run(ring, mode, async () =>
            {
                using var stop = new CancellationTokenSource();
                Task[] submitters = Enumerable.Range(0, 4).Select(s => Task.Run(async () =>
                {
                    for (int i = 0; i < perLoop; i++)
                    {
                        RawPipe pipe = pipes[(s + i) % pipes.Length];
                        int fd = pipe.Read;
                        Task<(Ending Ending, int Value, Exception? Error)> t = ((s + i) % 6) switch
                        {
                            0 => ledger.Track(() => ring.SubmitAsync(RingRequest.Read(fd, new byte[1], -1).WithTag(s)), "tagged read"),
                            1 => ledger.Track(async () =>
                            {
                                Socket a = await ring.AcceptAsync(listener);
                                accepted.Enqueue(a);
                                return 0;
                            }, "accept"),
                            2 => ledger.Track(() => ring.DelayAsync(TimeSpan.FromHours(1)), "delay"),
                            3 => ledger.Track(async () => (int)(await ring.RunBlockingAsync(fd, ReadOne, Interrupt)).ThrowIfFailed("read"), "blocking read"),
                            4 => ledger.Track(async () => (int)await HostileLibc.ReadAsync(ring, fd, new byte[1]), "generated read"),
                            _ => ledger.Track(() => ring.NopAsync(), "nop"),
                        };
                        tracked.Enqueue(t);
                        if (i % 8 == 0)
                        {
                            await Task.Yield();
                        }
                    }
                })).ToArray();

                Task[] controls =
                {
                    Task.Run(async () =>
                    {
                        while (!stop.IsCancellationRequested)
                        {
                            ring.CancelAll();
                            await Task.Delay(1);
                        }
                    }),
                    Task.Run(async () =>
                    {
                        while (!stop.IsCancellationRequested)
                        {
                            IReadOnlyList<InFlightOperation> list = Round4.DistinctListing(ring);
                            if (list.Count > ring.Capacity)
                            {
                                wrong.Enqueue($"listing of {list.Count} over the capacity {ring.Capacity}");
                            }

                            await Task.Yield();
                        }
                    }),
                    Task.Run(async () =>
                    {
                        while (!stop.IsCancellationRequested)
                        {
                            using (QuiesceResult q = await ring.QuiesceAsync(TimeSpan.FromMilliseconds(3)))
                            {
                                if (q.Drained && q.StillInFlight.Count != 0)
                                {
                                    wrong.Enqueue("drained with operations still listed");
                                }
                            }

                            await Task.Delay(2);
                        }
                    }),
                    Task.Run(async () =>
                    {
                        while (!stop.IsCancellationRequested)
                        {
                            foreach (RawPipe p in pipes)
                            {
                                p.Put(1);
                                Interlocked.Increment(ref fed);
                            }

                            var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                            await client.ConnectAsync(listener.LocalEndPoint!);
                            clients.Enqueue(client);
                            await Task.Delay(1);
                        }
                    }),
                };

                await Hostile.Within(Task.WhenAll(submitters), ring, "the submitters");
                stop.Cancel();
                await Hostile.Within(Task.WhenAll(controls), ring, "the control loops");

                // Everything left ends by Dispose, asked from three threads and DisposeAsync at once.
                using var barrier = new Barrier(4);
                Task[] disposers =
                {
                    Task.Run(() => { barrier.SignalAndWait(); ring.Dispose(); }),
                    Task.Run(() => { barrier.SignalAndWait(); ring.Dispose(); }),
                    Task.Run(() => { barrier.SignalAndWait(); ring.CancelAllUnlessDisposed(); ring.Dispose(); }),
                    Task.Run(async () => { barrier.SignalAndWait(); await ring.DisposeAsync(); }),
                };
                await Hostile.Within(Task.WhenAll(disposers), ring, "the disposers");
                foreach (var t in tracked)
                {
                    (Ending ending, int value, Exception? error) = await Hostile.Within(t, ring, "an operation after Dispose");
                    if (ending == Ending.Errno)
                    {
                        wrong.Enqueue($"an operation failed: {error}");
                    }
                    else if (ending == Ending.Result)
                    {
                        Interlocked.Add(ref taken, value);
                    }
                }

                await DeliveryModes.Fails<ObjectDisposedException>(async () => await ring.NopAsync());
            });

            Assert.True(wrong.IsEmpty, string.Join("\n", wrong.Take(10)));
            ledger.AssertEachEndedOnce();
            Assert.Equal(0, ring.InFlightCount);
            Assert.Empty(ring.Abandoned);

            // Every byte written was taken by a read whose result said so, or is still in its pipe.
            long left = pipes.Sum(p => (long)p.Pending);
            Assert.Equal(fed, Interlocked.Read(ref taken) + left);
        }
        finally
        {
            ring.Dispose();
            foreach (RawPipe p in pipes)
            {
                p.Dispose();
            }

            foreach (Socket s in accepted.Concat(clients))
            {
                s.Dispose();
            }
        }
    }

    [Theory]
    [MemberData(nameof(DeliveryModes.Matrix), MemberType = typeof(DeliveryModes))]
    public async Task A_quiesce_whose_own_token_is_cancelled_midway_reopens_every_ring_and_the_next_quiesce_works(IoBackend backend, DeliveryMode mode)
    {
        const int Stuck = 6;
        int rounds = Hostile.Rounds(8, 100);
        using IoRing ring = Hostile.Create(backend, mode, o => o.Rings = 2);
        var pipes = Enumerable.Range(0, Stuck).Select(_ => new RawPipe()).ToArray();
        using var late = new RawPipe();
        var ledger = new Ledger();
        var tag = new object();
        try
        {
            await Hostile.Run(ring, mode, async () =>
            {
                var waiting = new List<Task<(Ending Ending, int Value, Exception? Error)>>();
                void Arm(int i) => waiting.Add(Task.Run(() => ledger.Track(() => ring.SubmitAsync(RingRequest.Read(pipes[i].Read, new byte[1], -1).WithTag(tag)), "stuck read")));
                for (int i = 0; i < Stuck; i++)
                {
                    Arm(i);
                }

                for (int round = 0; round < rounds; round++)
                {
                    await Hostile.Until(() => ring.GetInFlightOperations().Count(o => Equals(o.Tag, tag)) == Stuck, "every stuck read is listed");
                    using var cts = new CancellationTokenSource();
                    Task<QuiesceResult> quiesce = ring.QuiesceAsync(Timeout.InfiniteTimeSpan, cts.Token).AsTask();
                    await Hostile.Until(() => ring.IsQuiesced, "admission closes");
                    var held = ledger.Track(() => ring.WriteAsync(late.Write, new byte[] { 1 }), "write behind the quiesce");
                    bool drainToo = round % 2 == 1;
                    if (drainToo)
                    {
                        // The ring drains at the same moment the token fires: either answer, never both or neither.
                        _ = Task.Run(() =>
                        {
                            foreach (RawPipe p in pipes)
                            {
                                p.Put(1);
                            }
                        });
                    }

                    await Task.Run(cts.Cancel);
                    try
                    {
                        using QuiesceResult result = await Hostile.Within(quiesce, ring, "the quiesce whose token fired");
                        Assert.True(drainToo && result.Drained, "a quiesce with stuck operations ended without its token's exception");
                    }
                    catch (OperationCanceledException)
                    {
                    }

                    Assert.False(ring.IsQuiesced, "admission stayed closed after the quiesce ended");
                    Assert.Equal(Ending.Result, (await Hostile.Within(held, ring, "the held write")).Ending);
                    Assert.Single(Sys.Take(late.Read, 1));

                    if (drainToo)
                    {
                        // Re-arm whatever got its byte.
                        for (int i = 0; i < Stuck; i++)
                        {
                            int index = waiting.Count - Stuck + i;
                            (Ending ending, int value, _) = await Hostile.Within(waiting[index], ring, "a fed read");
                            Assert.Equal((Ending.Result, 1), (ending, value));
                        }

                        for (int i = 0; i < Stuck; i++)
                        {
                            Arm(i);
                        }
                    }

                    // The next quiesce is not refused as a second one.
                    await Hostile.Until(() => ring.GetInFlightOperations().Count(o => Equals(o.Tag, tag)) == Stuck, "every stuck read is listed again");
                    using (QuiesceResult next = await ring.QuiesceAsync(TimeSpan.FromMilliseconds(5)))
                    {
                        Assert.False(next.Drained);
                        Assert.Equal(Stuck, next.StillInFlight.Count(o => Equals(o.Tag, tag)));
                    }
                }

                Assert.True(ring.CancelByTag(tag) >= Stuck);
                foreach (var w in waiting.Skip(waiting.Count - Stuck))
                {
                    Assert.Equal(Ending.Cancelled, (await Hostile.Within(w, ring, "a stuck read after CancelByTag")).Ending);
                }
            });
        }
        finally
        {
            foreach (RawPipe p in pipes)
            {
                p.Dispose();
            }
        }

        ledger.AssertEachEndedOnce();
        Assert.Equal(0, ring.InFlightCount);
    }

    [Theory]
    [MemberData(nameof(DeliveryModes.Matrix), MemberType = typeof(DeliveryModes))]
    public async Task A_quiesce_awaited_in_a_continuation_of_the_rings_own_operation_waits_for_both_rings_and_holds_what_it_submits(IoBackend backend, DeliveryMode mode)
    {
        const int Others = 6;
        using IoRing ring = Hostile.Create(backend, mode, o => o.Rings = 2);
        using var first = new RawPipe();
        using var late = new RawPipe();
        var others = Enumerable.Range(0, Others).Select(_ => new RawPipe()).ToArray();
        var tag = new object();
        try
        {
            await Hostile.Run(ring, mode, async () =>
            {
                _ = Task.Run(async () =>
                {
                    await Hostile.UntilPending(ring);
                    first.Put(1);
                });
                Assert.Equal(1, await ring.ReadAsync(first.Read, new byte[1]));

                // In the continuation (the ring thread in the inline and ring-context modes): reads on both rings, from pool
                // threads, then a quiesce awaited here while another thread feeds them.
                var reads = Enumerable.Range(0, Others).Select(i => Task.Run(async () => await ring.SubmitAsync(RingRequest.Read(others[i].Read, new byte[1], -1).WithTag(tag)))).ToArray();
                await Hostile.Until(() => ring.GetInFlightOperations().Count(o => Equals(o.Tag, tag)) == Others, "the reads are listed");
                Task feed = Task.Run(async () =>
                {
                    await Hostile.Until(() => ring.IsQuiesced, "the quiesce closes admission");
                    foreach (RawPipe p in others)
                    {
                        p.Put(2);
                    }
                });
                QuiesceResult quiesce = await Hostile.Within(ring.QuiesceAsync(TimeSpan.FromSeconds(25)).AsTask(), ring, "the quiesce in a continuation");
                Assert.True(quiesce.Drained, "the quiesce timed out: " + string.Join(", ", quiesce.StillInFlight.Select(o => $"{o.Operation} {o.State}")));
                Assert.Empty(quiesce.StillInFlight);
                foreach (var r in reads)
                {
                    Assert.Equal(1, await r);
                }

                // Submitted here while quiesced: held (not awaited before reopening, which would wait for itself).
                ValueTask held = ring.WriteAsync(late.Write, new byte[] { 5 });
                await Task.Delay(20);
                Assert.Equal(0, late.Pending);
                quiesce.Dispose();
                await held;
                Assert.Equal(1, late.Pending);
                await feed;
            });
        }
        finally
        {
            foreach (RawPipe p in others)
            {
                p.Dispose();
            }
        }

        Assert.Equal(0, ring.InFlightCount);
    }

    [Theory]
    [MemberData(nameof(DeliveryModes.Matrix), MemberType = typeof(DeliveryModes))]
    public async Task Every_listing_on_two_rings_shows_each_waiting_operation_exactly_once_while_others_churn(IoBackend backend, DeliveryMode mode)
    {
        const int Waiting = 24;
        int snapshots = Hostile.Rounds(300, 5000);
        using IoRing ring = Hostile.Create(backend, mode, o => o.Rings = 2);
        var pipes = Enumerable.Range(0, Waiting).Select(_ => new RawPipe()).ToArray();
        var ledger = new Ledger();
        try
        {
            await Hostile.Run(ring, mode, async () =>
            {
                // Each waiting read has a tag of its own; they are submitted from many threads, so they sit on both rings.
                var tags = Enumerable.Range(0, Waiting).Select(i => $"waiting-{i}").ToArray();
                var waiting = Enumerable.Range(0, Waiting).Select(i => Task.Run(() => ledger.Track(() => ring.SubmitAsync(RingRequest.Read(pipes[i].Read, new byte[1], -1).WithTag(tags[i])), "waiting read"))).ToArray();
                await Hostile.Until(() => ring.GetInFlightOperations().Count(o => o.Tag is string t && t.StartsWith("waiting-", StringComparison.Ordinal)) == Waiting, "every waiting read is listed");

                using var stop = new CancellationTokenSource();
                Task[] churn = Enumerable.Range(0, 3).Select(_ => Task.Run(async () =>
                {
                    using var p = new RawPipe();
                    while (!stop.IsCancellationRequested)
                    {
                        await ledger.Track(() => ring.NopAsync(), "nop");
                        p.Put(1);
                        await ledger.Track(() => ring.SubmitAsync(RingRequest.Read(p.Read, new byte[1], -1).WithTag("churn")), "churn read");
                        await ledger.Track(() => ring.DelayAsync(TimeSpan.FromTicks(1)), "short delay");
                    }
                })).ToArray();

                // Two threads take snapshots: operations that never complete must be in every one, once.
                Task[] lookers = Enumerable.Range(0, 2).Select(_ => Task.Run(() =>
                {
                    for (int i = 0; i < snapshots; i++)
                    {
                        IReadOnlyList<InFlightOperation> list = Round4.DistinctListing(ring);
                        foreach (string tag in tags)
                        {
                            int seen = list.Count(o => Equals(o.Tag, tag));
                            Assert.True(seen == 1, $"snapshot {i}: the waiting read {tag} is listed {seen} times among {list.Count}");
                        }
                    }
                })).ToArray();

                await Hostile.Within(Task.WhenAll(lookers), ring, "the snapshots");
                stop.Cancel();
                await Hostile.Within(Task.WhenAll(churn), ring, "the churn");
                ring.CancelAll();
                foreach (var w in waiting)
                {
                    Assert.Equal(Ending.Cancelled, (await Hostile.Within(w, ring, "a waiting read after CancelAll")).Ending);
                }
            });
        }
        finally
        {
            foreach (RawPipe p in pipes)
            {
                p.Dispose();
            }
        }

        ledger.AssertEachEndedOnce();
        Assert.Equal(0, ring.InFlightCount);
    }

    [Theory]
    [MemberData(nameof(DeliveryModes.Matrix), MemberType = typeof(DeliveryModes))]
    public async Task Metrics_and_event_listeners_attached_and_detached_meanwhile_lose_no_operation_and_the_counts_add_up(IoBackend backend, DeliveryMode mode)
    {
        int rounds = Hostile.Rounds(60, 3000);
        string name = $"hostile4-meter-{Guid.NewGuid():N}";
        using var steady = new RingMeter(name);
        using IoRing ring = Hostile.Create(backend, mode, o =>
        {
            o.Rings = 2;
            o.Name = name;
        });
        var ledger = new Ledger();
        await Hostile.Run(ring, mode, async () =>
        {
            using var stop = new CancellationTokenSource();
            Task[] churn =
            {
                Task.Run(() =>
                {
                    while (!stop.IsCancellationRequested)
                    {
                        using var listener = new MeterListener();
                        listener.InstrumentPublished = (instrument, l) =>
                        {
                            if (instrument.Meter.Name == "AsyncSys")
                            {
                                l.EnableMeasurementEvents(instrument);
                            }
                        };
                        listener.SetMeasurementEventCallback<long>((_, _, _, _) => { });
                        listener.SetMeasurementEventCallback<int>((_, _, _, _) => { });
                        listener.SetMeasurementEventCallback<double>((_, _, _, _) => { });
                        listener.Start();
                        listener.RecordObservableInstruments();
                    }
                }),
                Task.Run(() =>
                {
                    while (!stop.IsCancellationRequested)
                    {
                        using var events = new AsyncSysEvents();
                        Thread.Yield();
                    }
                }),
                Task.Run(() =>
                {
                    while (!stop.IsCancellationRequested)
                    {
                        // Every instrument of every meter, started and dropped at once.
                        using var listener = new MeterListener();
                        listener.InstrumentPublished = (instrument, l) => l.EnableMeasurementEvents(instrument);
                        listener.SetMeasurementEventCallback<long>((_, _, _, _) => { });
                        listener.Start();
                        listener.RecordObservableInstruments();
                    }
                }),
            };

            Task[] load = Enumerable.Range(0, 3).Select(_ => Task.Run(async () =>
            {
                using var p = new RawPipe();
                for (int i = 0; i < rounds; i++)
                {
                    await ledger.Track(() => ring.NopAsync(), "nop");
                    p.Put(1);
                    var read = await ledger.Track(() => ring.ReadAsync(p.Read, new byte[1]), "read");
                    Assert.Equal((Ending.Result, 1), (read.Ending, read.Value));
                    if (i % 10 == 0)
                    {
                        using var cts = new CancellationTokenSource();
                        var waiting = ledger.Track(() => ring.ReadAsync(p.Read, new byte[1], cts.Token), "cancelled read");
                        await Task.Yield();
                        cts.Cancel();
                        Assert.Equal(Ending.Cancelled, (await Hostile.Within(waiting, ring, "the cancelled read")).Ending);
                    }
                }
            })).ToArray();

            await Hostile.Within(Task.WhenAll(load), ring, "the load");
            stop.Cancel();
            await Hostile.Within(Task.WhenAll(churn), ring, "the listener churn");
        });

        ledger.AssertEachEndedOnce();
        Assert.Equal(0, ring.InFlightCount);

        // The listener attached throughout counted every admitted operation once, and each ending once.
        long results = ledger[Ending.Result], cancelled = ledger[Ending.Cancelled];
        await Hostile.Until(
            () => steady["asyncsys.ops.completed"] == results && steady["asyncsys.ops.cancelled"] == cancelled,
            $"the steady listener's counts match the endings ({results} completed, {cancelled} cancelled): {steady}");
        Assert.Equal(0, steady["asyncsys.ops.failed"]);
        Assert.Equal(ledger.Started, steady["asyncsys.ops.submitted"]);
    }

    [Theory]
    [MemberData(nameof(DeliveryModes.Matrix), MemberType = typeof(DeliveryModes))]
    public async Task Dispose_DisposeAsync_CancelAll_quiesce_and_listing_at_the_same_moment_on_two_rings_never_throw_and_end_everything_once(IoBackend backend, DeliveryMode mode)
    {
        int rounds = Hostile.Rounds(4, 60);
        for (int round = 0; round < rounds; round++)
        {
            IoRing ring = Hostile.Create(backend, mode, o => o.Rings = 2);
            var pipes = Enumerable.Range(0, 6).Select(_ => new RawPipe()).ToArray();
            var ledger = new Ledger();
            var wrong = new ConcurrentQueue<string>();
            try
            {
                await Hostile.Run(ring, mode, async () =>
                {
                    var ops = new List<Task<(Ending Ending, int Value, Exception? Error)>>();
                    foreach (RawPipe p in pipes)
                    {
                        int fd = p.Read;
                        ops.Add(Task.Run(() => ledger.Track(() => ring.ReadAsync(fd, new byte[1]), "read")));
                    }

                    ops.Add(Task.Run(() => ledger.Track(async () => (int)(await ring.RunBlockingAsync(pipes[0].Read, ReadOne, Interrupt)).ThrowIfFailed("read"), "blocking read")));
                    ops.Add(Task.Run(() => ledger.Track(() => ring.DelayAsync(TimeSpan.FromHours(1)), "delay")));
                    await Hostile.Until(() => ring.InFlightCount >= 8, "the operations are in flight");

                    using var barrier = new Barrier(6);
                    Task Racer(Func<Task> act, string what) => Task.Run(async () =>
                    {
                        barrier.SignalAndWait();
                        try
                        {
                            await act();
                        }
                        catch (ObjectDisposedException) when (what is "CancelAll" or "quiesce" or "listing")
                        {
                        }
                        catch (Exception e)
                        {
                            wrong.Enqueue($"{what} threw {e.GetType().Name}: {e.Message}");
                        }
                    });
                    Task[] racers =
                    {
                        Racer(() => Task.Run(ring.Dispose), "Dispose"),
                        Racer(async () => await ring.DisposeAsync(), "DisposeAsync"),
                        Racer(() => { ring.CancelAll(); return Task.CompletedTask; }, "CancelAll"),
                        Racer(async () => { using QuiesceResult q = await ring.QuiesceAsync(TimeSpan.FromSeconds(20)); }, "quiesce"),
                        Racer(() => { Round4.DistinctListing(ring); return Task.CompletedTask; }, "listing"),
                        Racer(() => { _ = ring.InFlightCount; ring.Dispose(); return Task.CompletedTask; }, "Dispose after count"),
                    };
                    await Hostile.Within(Task.WhenAll(racers), ring, "the racing control calls");
                    foreach (var op in ops)
                    {
                        Ending ending = (await Hostile.Within(op, ring, "an operation")).Ending;
                        if (ending is not (Ending.Cancelled or Ending.Disposed))
                        {
                            wrong.Enqueue($"an operation on an idle pipe or timer ended {ending}");
                        }
                    }
                });

                Assert.True(wrong.IsEmpty, string.Join("\n", wrong));
                ledger.AssertEachEndedOnce();
                Assert.Equal(0, ring.InFlightCount);
                Assert.Empty(ring.Abandoned);
                foreach (RawPipe p in pipes)
                {
                    p.Put(1);
                    Assert.Equal(1, p.Pending);
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
        }
    }

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

    /// <summary>
    /// Added after the first run: a DisposeAsync racing a Dispose returned before the disposal ended, so calls still ran
    /// after it (<see cref="ShortSiteRound4Tests"/>, Dispose racing just-started calls). DisposeAsync "completes once the
    /// ring is freed"; a second Dispose or DisposeAsync must not return earlier than the first.
    /// </summary>
    [Theory]
    [MemberData(nameof(BackendsAndRings))]
    public async Task A_second_Dispose_or_DisposeAsync_returns_only_once_the_disposal_in_progress_has_ended(IoBackend backend, int rings)
    {
        IoRing ring = Hostile.Create(backend, DeliveryMode.Pool, o =>
        {
            o.Rings = rings;
            o.RunShortBlockingCallsOnCaller = false;
            o.DisposeTimeout = TimeSpan.FromSeconds(60);
        });
        using var pipe = new RawPipe();
        using Timer rescue = Round4.Rescue(pipe);
        try
        {
            // A call without a hook: nothing stops it, so the first Dispose waits for it.
            Task<BlockingResult<int>> call = ring.RunBlockingAsync(pipe.Read, ReadOne).AsTask();
            await Hostile.Until(() => ring.GetInFlightOperations().Any(o => o.Operation == RingOp.None && o.State == InFlightState.OnWorker), "the call runs");
            Task first = Task.Run(ring.Dispose);
            await Hostile.Until(() => ring.GetInFlightOperations().Any(o => o.Operation == RingOp.None && o.State == InFlightState.Cancelling), "the first Dispose has begun (the call is asked to cancel)");

            Task second = Task.Run(ring.Dispose);
            Task third = Task.Run(async () => await ring.DisposeAsync());
            await Task.Delay(50);
            Assert.False(first.IsCompleted, "the first Dispose returned while a call it cannot stop ran");
            Assert.False(second.IsCompleted, "a second Dispose returned while the first still waited for a running call");
            Assert.False(third.IsCompleted, "DisposeAsync completed while the ring was not freed (a call still ran)");

            pipe.Put(1);
            await Hostile.Within(Task.WhenAll(first, second, third), ring, "the three disposals");
            Assert.Equal(1, (await Hostile.Within(call, ring, "the call")).ThrowIfFailed("read"));
        }
        finally
        {
            ring.Dispose();
        }

        Assert.Equal(0, ring.InFlightCount);
        Assert.Empty(ring.Abandoned);

        // The negative: with nothing left, a later Dispose and DisposeAsync return at once.
        ring.Dispose();
        Assert.True(ring.DisposeAsync().IsCompleted);
    }

    /// <summary>
    /// The negative of the test above: on the ring's completion thread a second Dispose must not wait for the disposal in
    /// progress (that disposal may need this very thread), so it returns at once, as the first call does there. (Its
    /// first form used an inline continuation, which can resume on the pool when the read ends before its await
    /// registers; then Dispose rightly waits, and the test waited on itself: seen once.)
    /// </summary>
    [Fact]
    public async Task A_second_Dispose_on_the_ring_thread_returns_at_once()
    {
        IoRing ring = Hostile.Create(IoBackend.IoUring, DeliveryMode.RingContext, o =>
        {
            o.RunShortBlockingCallsOnCaller = false;
            o.DisposeTimeout = TimeSpan.FromSeconds(60);
        });
        using var pipe = new RawPipe();
        using var idle = new RawPipe();
        using Timer rescue = Round4.Rescue(pipe);
        try
        {
            Task<BlockingResult<int>> call = ring.RunBlockingAsync(pipe.Read, ReadOne).AsTask();
            await Hostile.Until(() => ring.GetInFlightOperations().Any(o => o.Operation == RingOp.None && o.State == InFlightState.OnWorker), "the call runs");

            // A loop on the ring thread awaiting a read: the first Dispose cancels it, and the loop resumes on the ring
            // thread (ring-context code stays there; its await registered before the ring thread could reap anything).
            Task<bool> loop = ring.RunOnRingAsync(async () =>
            {
                try
                {
                    await ring.ReadAsync(idle.Read, new byte[1]);
                }
                catch (ObjectDisposedException)
                {
                }

                bool onRing = Round4.OnRingThread();
                ring.Dispose();
                return onRing;
            });
            await Hostile.UntilPending(ring, 2);
            Task first = Task.Run(ring.Dispose);

            Assert.True(await Hostile.Within(loop, ring, "the second Dispose on the ring thread"), "the loop did not resume on the ring thread");
            Assert.False(first.IsCompleted, "the first Dispose returned while a call it cannot stop ran");
            pipe.Put(1);
            await Hostile.Within(first, ring, "the first Dispose");
            Assert.Equal(1, (await Hostile.Within(call, ring, "the call")).ThrowIfFailed("read"));
        }
        finally
        {
            ring.Dispose();
        }

        Assert.Empty(ring.Abandoned);
    }
}

/// <summary>CancelAll for a racer that may find the ring already disposed (documented: ObjectDisposedException).</summary>
internal static class RingRaceExtensions
{
    public static void CancelAllUnlessDisposed(this IoRing ring)
    {
        try
        {
            ring.CancelAll();
        }
        catch (ObjectDisposedException)
        {
        }
    }
}
