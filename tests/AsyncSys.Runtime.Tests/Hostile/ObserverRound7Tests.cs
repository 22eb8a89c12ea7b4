using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics.Metrics;
using System.Diagnostics.Tracing;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace AsyncSys.Runtime.Tests.Hostile;

/// <summary>
/// Round 7, the managed side under attack: observers. docs/quiesce.md lists the meter <c>AsyncSys</c> (its counters
/// count each admitted operation once, by how it ended) and the EventSource <c>AsyncSys</c>; docs/reliability.md says
/// a metrics listener that throws never ends the process nor loses an operation, and docs/quiesce.md that user
/// callbacks (listeners among them) that throw are isolated and reported. Checked: the counters of one ring add up
/// exactly when four threads run known outcomes at once; listeners (metrics and events) that throw, block, or are
/// attached and detached in a loop while operations run lose nothing. Every listener acts only on this test's ring
/// (by its <c>asyncsys.ring</c> tag or the ring name in the event), so tests running beside it are not disturbed.
/// </summary>
public sealed class ObserverRound7Tests
{
    private static bool Ours(ReadOnlySpan<KeyValuePair<string, object?>> tags, string ring)
    {
        foreach (KeyValuePair<string, object?> tag in tags)
        {
            if (tag.Key == "asyncsys.ring" && tag.Value as string == ring)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Sums every AsyncSys measurement tagged with one ring, per instrument (counts for histograms).</summary>
    private sealed class RingTotals : IDisposable
    {
        private readonly MeterListener _listener = new();
        private readonly ConcurrentDictionary<string, double> _sums = new();
        private readonly ConcurrentDictionary<string, long> _counts = new();
        private readonly string _ring;

        public RingTotals(string ring)
        {
            _ring = ring;
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == "AsyncSys")
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<long>((i, v, t, _) => Add(i, v, t));
            _listener.SetMeasurementEventCallback<int>((i, v, t, _) => Add(i, v, t));
            _listener.SetMeasurementEventCallback<double>((i, v, t, _) => Add(i, v, t));
            _listener.Start();
        }

        private void Add(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            if (!Ours(tags, _ring))
            {
                return;
            }

            _sums.AddOrUpdate(instrument.Name, value, (_, old) => old + value);
            _counts.AddOrUpdate(instrument.Name, 1, (_, old) => old + 1);
        }

        public long Sum(string name) => (long)_sums.GetValueOrDefault(name);

        public long Count(string name) => _counts.GetValueOrDefault(name);

        /// <summary>The observable instruments' current values for this ring (summed over the callbacks).</summary>
        public long Observe(string name)
        {
            _sums.TryRemove(name, out _);
            _listener.RecordObservableInstruments();
            return Sum(name);
        }

        public void Dispose() => _listener.Dispose();
    }

    [Theory]
    [MemberData(nameof(DeliveryModes.Matrix), MemberType = typeof(DeliveryModes))]
    public async Task The_meters_counters_of_a_ring_add_up_exactly_under_concurrency(IoBackend backend, DeliveryMode mode)
    {
        string name = $"r7-totals-{Guid.NewGuid():N}";
        using var totals = new RingTotals(name);
        using IoRing ring = Hostile.Create(backend, mode, o => o.Name = name);
        using var file = new TempFile(64 * 1024);
        using var handle = file.Open();
        int closed = BadDescriptorTests.ClosedNumber();
        var ledger = new Ledger();
        const int Threads = 4;
        int reads = Hostile.Rounds(40, 400), failures = Hostile.Rounds(10, 100), waits = 6;
        await Hostile.Run(ring, mode, async () =>
        {
            var loops = Enumerable.Range(0, Threads).Select(t => Task.Run(async () =>
            {
                using var pipe = new RawPipe();
                var buffer = new byte[4096];
                for (int i = 0; i < reads; i++)
                {
                    await ledger.Track(() => ring.ReadAsync(handle, buffer, (i % 16) * 4096L), "file read");
                    await ledger.Track(async () => { await ring.NopAsync(); return 0; }, "nop");
                }

                for (int i = 0; i < failures; i++)
                {
                    await ledger.Track(() => ring.ReadAsync(closed, buffer, 0), "read on a closed descriptor");
                }

                // Reads that wait, cancelled once every one of them is with the backend (so each was admitted).
                using var cts = new CancellationTokenSource();
                var waiting = Enumerable.Range(0, waits).Select(_ => ledger.Track(() => ring.ReadAsync(pipe.Read, new byte[8], cts.Token), "cancelled pipe read")).ToArray();
                await Hostile.Until(
                    () => ring.GetInFlightOperations().Count(o => o.Fd == pipe.Read && o.State is InFlightState.OnRing or InFlightState.OnWorker) == waits,
                    $"{waits} reads on the pipe with the backend; {Hostile.Describe(ring)}");
                cts.Cancel();
                await Task.WhenAll(waiting);
            })).ToArray();
            await Hostile.Within(Task.WhenAll(loops), ring, "the four loops");
        });

        ledger.AssertEachEndedOnce();
        int total = Threads * ((2 * reads) + failures + waits);
        Assert.Equal(total, ledger.Started);
        Assert.Equal(Threads * 2 * reads, ledger[Ending.Result]);
        Assert.Equal(Threads * failures, ledger[Ending.Errno]);
        Assert.Equal(Threads * waits, ledger[Ending.Cancelled]);

        string counts = $"{backend} {mode}: submitted {totals.Sum("asyncsys.ops.submitted")}, completed {totals.Sum("asyncsys.ops.completed")}, failed {totals.Sum("asyncsys.ops.failed")}, cancelled {totals.Sum("asyncsys.ops.cancelled")}, durations {totals.Count("asyncsys.op.duration")}, immediate {totals.Sum("asyncsys.ops.immediate")}, offloaded {totals.Sum("asyncsys.ops.offloaded")}; ledger {ledger}";
        Assert.True(totals.Sum("asyncsys.ops.submitted") == total, counts);
        Assert.True(totals.Sum("asyncsys.ops.completed") == ledger[Ending.Result], counts);
        Assert.True(totals.Sum("asyncsys.ops.failed") == ledger[Ending.Errno], counts);
        Assert.True(totals.Sum("asyncsys.ops.cancelled") == ledger[Ending.Cancelled], counts);
        Assert.True(totals.Count("asyncsys.op.duration") == total, counts);
        Assert.True(totals.Sum("asyncsys.ops.immediate") <= ledger[Ending.Result], counts);
        Assert.True(totals.Observe("asyncsys.ops.in_flight") == 0, counts + $", in flight {totals.Sum("asyncsys.ops.in_flight")}");
    }

    /// <summary>Collects the AsyncSys events that name one ring; optionally throws or blocks in its callback.</summary>
    private sealed class RingEvents : EventListener
    {
        private readonly string _ring;
        private readonly int _behaviour; // 0 collect, 1 throw, 2 block
        private int _seen;

        public RingEvents(string ring, int behaviour)
        {
            _ring = ring;
            _behaviour = behaviour;
            foreach (EventSource source in EventSource.GetSources())
            {
                OnEventSourceCreated(source);
            }
        }

        public ConcurrentQueue<(int Id, string Payload)> Events { get; } = new();

        public int Seen => Volatile.Read(ref _seen);

        protected override void OnEventSourceCreated(EventSource eventSource)
        {
            // The base constructor calls this before the fields are set: _ring is still null then.
            if (eventSource.Name == "AsyncSys" && _ring != null)
            {
                EnableEvents(eventSource, EventLevel.Verbose, EventKeywords.All);
            }
        }

        protected override void OnEventWritten(EventWrittenEventArgs e)
        {
            if (_ring == null || e.EventSource.Name != "AsyncSys" || e.Payload == null || !e.Payload.Any(p => p as string == _ring))
            {
                return;
            }

            Interlocked.Increment(ref _seen);
            Events.Enqueue((e.EventId, string.Join(", ", e.Payload)));
            if (_behaviour == 1)
            {
                throw new InvalidOperationException("an event listener that throws");
            }

            if (_behaviour == 2 && Seen % 8 == 0)
            {
                Thread.Sleep(10); // blocks the thread that wrote the event (the ring thread, a worker, the caller)
            }
        }
    }

    [Theory]
    [MemberData(nameof(DeliveryModes.Matrix), MemberType = typeof(DeliveryModes))]
    public async Task Listeners_that_throw_block_or_come_and_go_lose_no_operation_and_no_byte(IoBackend backend, DeliveryMode mode)
    {
        string name = $"r7-listeners-{Guid.NewGuid():N}";
        int thrown = 0, blocked = 0;

        // Metrics: one listener throws on every measurement of this ring, one blocks on every 64th.
        using var throwing = new MeterListener();
        using var blocking = new MeterListener();
        foreach ((MeterListener listener, bool throws) in new[] { (throwing, true), (blocking, false) })
        {
            listener.InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == "AsyncSys")
                {
                    l.EnableMeasurementEvents(instrument);
                }
            };
            MeasurementCallback<long> onLong = (i, v, tags, _) =>
            {
                if (!Ours(tags, name))
                {
                    return;
                }

                if (throws)
                {
                    Interlocked.Increment(ref thrown);
                    throw new InvalidOperationException("a metrics listener that throws");
                }

                if (Interlocked.Increment(ref blocked) % 64 == 0)
                {
                    Thread.Sleep(10); // blocks the thread that recorded the measurement
                }
            };
            listener.SetMeasurementEventCallback(onLong);
            listener.SetMeasurementEventCallback<double>((i, v, tags, s) => onLong(i, (long)v, tags, s));
            listener.SetMeasurementEventCallback<int>((i, v, tags, s) => onLong(i, v, tags, s));
            listener.Start();
        }

        // Events: one collects (to see the failures reported), one throws, one blocks.
        using var collected = new RingEvents(name, 0);
        using var throwingEvents = new RingEvents(name, 1);
        using var blockingEvents = new RingEvents(name, 2);

        using IoRing ring = Hostile.Create(backend, mode, o => o.Name = name);
        using var file = new TempFile(64 * 1024);
        using var handle = file.Open();
        int closed = BadDescriptorTests.ClosedNumber();
        var ledger = new Ledger();
        var wrong = new ConcurrentQueue<string>();
        using var stop = new CancellationTokenSource();

        // A thread that attaches and detaches a metrics listener and an event listener in a loop, throughout.
        int churns = 0;
        var churn = new Thread(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                using (var l = new MeterListener())
                {
                    l.InstrumentPublished = (instrument, x) =>
                    {
                        if (instrument.Meter.Name == "AsyncSys")
                        {
                            x.EnableMeasurementEvents(instrument);
                        }
                    };
                    l.SetMeasurementEventCallback<long>((i, v, tags, _) =>
                    {
                        if (Ours(tags, name))
                        {
                            throw new InvalidOperationException("a churning metrics listener that throws");
                        }
                    });
                    l.Start();
                    using var events = new RingEvents(name, 1);
                    Thread.Yield();
                }

                Interlocked.Increment(ref churns);
            }
        }) { IsBackground = true, Name = "listener-churn" };
        churn.Start();
        try
        {
            await Hostile.Run(ring, mode, async () =>
            {
                var loops = Enumerable.Range(0, 4).Select(t => Task.Run(async () =>
                {
                    using var pipe = new RawPipe();
                    var buffer = new byte[4096];
                    for (int i = 0; i < Hostile.Rounds(30, 300); i++)
                    {
                        long offset = ((t * 7) + i) % 16 * 4096L;
                        var (ending, n, _) = await ledger.Track(() => ring.ReadAsync(handle, buffer, offset), "file read");
                        if (ending != Ending.Result || n != 4096 || !buffer.AsSpan().SequenceEqual(file.Content.AsSpan((int)offset, 4096)))
                        {
                            wrong.Enqueue($"file read at {offset}: {ending} {n}");
                        }

                        // A failure: an OperationFailed event and the failed counter, both with listeners that throw.
                        var (bad, _, error) = await ledger.Track(() => ring.ReadAsync(closed, buffer, 0), "read on a closed descriptor");
                        if (bad != Ending.Errno || (error as ErrnoException)?.ErrnoName != "EBADF")
                        {
                            wrong.Enqueue($"read on a closed descriptor: {bad} {error?.GetType().Name}");
                        }

                        // A pipe read that waits for its byte.
                        Task<(Ending, int, Exception?)> read = ledger.Track(() => ring.ReadAsync(pipe.Read, buffer.AsMemory(0, 8)), "pipe read");
                        pipe.Put((byte)(i + 1));
                        var (pipeEnding, got, _) = await Hostile.Within(read, ring, "pipe read");
                        if (pipeEnding != Ending.Result || got != 1 || buffer[0] != (byte)(i + 1))
                        {
                            wrong.Enqueue($"pipe read {i}: {pipeEnding} {got}");
                        }
                    }
                })).ToArray();
                await Hostile.Within(Task.WhenAll(loops), ring, "the four loops");
            });
        }
        finally
        {
            stop.Cancel();
            churn.Join();
        }

        ledger.AssertEachEndedOnce();
        Assert.True(wrong.IsEmpty, $"{backend} {mode}:\n" + string.Join("\n", wrong.Take(12)));
        Assert.True(Volatile.Read(ref thrown) > 0, "the throwing metrics listener was never called");
        Assert.True(throwingEvents.Seen > 0 && blockingEvents.Seen > 0, $"the throwing and blocking event listeners saw {throwingEvents.Seen} and {blockingEvents.Seen} events");
        Assert.True(churns > 0, "the churn thread never attached a listener");

        // Reported (docs/quiesce.md: isolated and reported): UserCallbackFailed (event 6) for this ring.
        Assert.Contains(collected.Events, e => e.Id == 6);

        // The ring still works and disposes without abandoning anything.
        await Hostile.Within(ring.NopAsync().AsTask(), ring, "a nop after the run");
        Assert.Equal(0, ring.InFlightCount);
        ring.Dispose();
        Assert.Empty(ring.Abandoned);
    }
}
