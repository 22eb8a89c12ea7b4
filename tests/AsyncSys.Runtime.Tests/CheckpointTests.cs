using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics.Metrics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace AsyncSys.Runtime.Tests;

/// <summary>Quiesce, the in-flight list, cancel-all and metrics: what a checkpointer needs.</summary>
public sealed class CheckpointTests
{
    [Fact]
    public async Task Quiesce_under_eight_submitting_threads_drains_then_admits_nothing_until_reopened()
    {
        using var ring = IoRing.Create(new IoRingOptions { Capacity = 64 });
        using var stop = new CancellationTokenSource();
        long admitted = 0;
        long admittedWhileClosed = 0;

        Task[] submitters = Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                await ring.NopAsync();
                Interlocked.Increment(ref admitted);
            }
        })).ToArray();
        await Task.Delay(100);

        using (QuiesceResult result = await ring.QuiesceAsync(TimeSpan.FromSeconds(5)))
        {
            Assert.True(result.Drained);
            Assert.Empty(result.StillInFlight);
            Assert.True(ring.IsQuiesced);

            // The checkpoint window: nothing may be admitted however long it lasts (counted by the table itself).
            long admittedAtClose = ring.Table.AdmittedTotal;
            for (int i = 0; i < 20; i++)
            {
                if (ring.InFlightCount != 0 || ring.GetInFlightOperations().Count != 0)
                {
                    Interlocked.Increment(ref admittedWhileClosed);
                }

                await Task.Delay(5);
            }

            admittedWhileClosed += ring.Table.AdmittedTotal - admittedAtClose;
        }

        long before = Interlocked.Read(ref admitted);
        await Task.Delay(100);
        stop.Cancel();
        await Task.WhenAll(submitters);

        Assert.Equal(0, admittedWhileClosed);
        Assert.False(ring.IsQuiesced);
        Assert.True(Interlocked.Read(ref admitted) > before, "submissions resumed after the result was disposed");
    }

    [Fact]
    public async Task Quiesce_with_a_never_ready_poll_returns_at_the_deadline_listing_it()
    {
        using var ring = IoRing.Create();
        using var pipe = new Pipe();
        var tag = new object();
        ValueTask<int> stuck = ring.SubmitAsync(RingRequest.Poll(pipe.ReadFd, PollEvents.In).WithTag(tag));

        var clock = System.Diagnostics.Stopwatch.StartNew();
        using (QuiesceResult result = await ring.QuiesceAsync(TimeSpan.FromMilliseconds(200)))
        {
            Assert.False(result.Drained);
            Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(190));
            InFlightOperation op = Assert.Single(result.StillInFlight);
            Assert.Equal(RingOp.Poll, op.Operation);
            Assert.Equal(pipe.ReadFd, op.Fd);
            Assert.Same(tag, op.Tag);
            Assert.Equal(InFlightState.OnRing, op.State);
            Assert.Equal(IoBackend.IoUring, op.Backend);

            Assert.Equal(1, ring.CancelByTag(tag));
            await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await stuck);
        }
    }

    [Fact]
    public async Task While_quiesced_fail_fast_rings_throw_and_waiting_rings_wait()
    {
        using var failFast = IoRing.Create(new IoRingOptions { WhileQuiesced = QuiescedSubmissions.FailFast });
        using (await failFast.QuiesceAsync(TimeSpan.FromSeconds(1)))
        {
            Assert.Throws<IoRingQuiescedException>(() => { _ = failFast.NopAsync(); });
        }

        await failFast.NopAsync();

        using var waiting = IoRing.Create();
        ValueTask pending;
        using (await waiting.QuiesceAsync(TimeSpan.FromSeconds(1)))
        {
            pending = waiting.NopAsync();
            await Task.Delay(50);
            Assert.False(pending.IsCompleted);
            Assert.Equal(0, waiting.InFlightCount);
        }

        await pending;
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task Cancel_by_fd_cancels_exactly_the_operations_on_that_fd(IoBackend backend)
    {
        using var ring = Backends.Create(backend);
        using var target = new Pipe();
        using var other = new Pipe();
        var onTarget = Enumerable.Range(0, 5).Select(_ => ring.PollAsync(target.ReadFd, PollEvents.In).AsTask()).ToList();
        var onOther = Enumerable.Range(0, 3).Select(_ => ring.PollAsync(other.ReadFd, PollEvents.In).AsTask()).ToList();
        await Task.Delay(50);

        int cancelled = ring.CancelByFd(target.ReadFd);

        Assert.Equal(5, cancelled);
        foreach (Task<PollEvents> poll in onTarget)
        {
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => poll);
        }

        await Task.Delay(50);
        Assert.All(onOther, p => Assert.False(p.IsCompleted));
        Assert.Equal(3, ring.InFlightCount);
        other.Write(new byte[] { 1 });
        await Task.WhenAll(onOther);
    }

    [Fact]
    public async Task In_flight_matches_what_is_outstanding_at_quiet_points()
    {
        using var ring = IoRing.Create();
        using var pipe = new Pipe();
        Assert.Empty(ring.GetInFlightOperations());

        var polls = Enumerable.Range(0, 4).Select(i => ring.SubmitAsync(RingRequest.Poll(pipe.ReadFd, PollEvents.In).WithTag("poll" + i)).AsTask()).ToList();
        await Task.Delay(30);
        IReadOnlyList<InFlightOperation> snapshot = ring.GetInFlightOperations();

        Assert.Equal(4, snapshot.Count);
        Assert.Equal(new[] { "poll0", "poll1", "poll2", "poll3" }, snapshot.Select(o => (string)o.Tag!).OrderBy(t => t));
        Assert.All(snapshot, o => Assert.True(o.Age > TimeSpan.Zero));
        Assert.Equal(4, snapshot.Select(o => o.Id).Distinct().Count());

        Assert.Equal(4, ring.CancelAll());
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Task.WhenAll(polls));
        Assert.Empty(ring.GetInFlightOperations());
    }

    [Fact]
    public async Task Metrics_count_exactly_the_operations_done()
    {
        const string RingName = "metrics-test";
        var counts = new ConcurrentDictionary<string, long>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == "AsyncSys")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            foreach (KeyValuePair<string, object?> tag in tags)
            {
                if (tag.Key == "asyncsys.ring" && (string?)tag.Value == RingName)
                {
                    counts.AddOrUpdate(instrument.Name, value, (_, v) => v + value);
                }
            }
        });
        listener.SetMeasurementEventCallback<double>((instrument, _, tags, _) =>
        {
            foreach (KeyValuePair<string, object?> tag in tags)
            {
                if (tag.Key == "asyncsys.ring" && (string?)tag.Value == RingName)
                {
                    counts.AddOrUpdate(instrument.Name, 1, (_, v) => v + 1);
                }
            }
        });
        listener.Start();

        using var ring = IoRing.Create(new IoRingOptions { Name = RingName });
        using var pipe = new Pipe();
        for (int i = 0; i < 10; i++)
        {
            await ring.NopAsync();
        }

        await Assert.ThrowsAsync<ErrnoException>(async () => await ring.ReadAsync(1 << 30, new byte[1], 0));
        using var cts = new CancellationTokenSource();
        ValueTask<PollEvents> poll = ring.PollAsync(pipe.ReadFd, PollEvents.In, cts.Token);
        cts.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await poll);
        await ring.RunBlockingAsync(0, static (ref int s) => 0);

        Assert.Equal(13, counts.GetValueOrDefault("asyncsys.ops.submitted"));
        Assert.Equal(11, counts.GetValueOrDefault("asyncsys.ops.completed"));
        Assert.Equal(1, counts.GetValueOrDefault("asyncsys.ops.failed"));
        Assert.Equal(1, counts.GetValueOrDefault("asyncsys.ops.cancelled"));
        Assert.Equal(1, counts.GetValueOrDefault("asyncsys.ops.offloaded"));
        Assert.Equal(13, counts.GetValueOrDefault("asyncsys.op.duration"));
    }
}
