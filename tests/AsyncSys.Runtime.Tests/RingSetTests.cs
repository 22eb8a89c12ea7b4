using System;
using System.Collections.Generic;
using System.Diagnostics.Metrics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys.Runtime.Tests.Reliability;

namespace AsyncSys.Runtime.Tests;

/// <summary>
/// A set of rings behind one IoRing (what IoRing.Shared is on machines with several cores): each member has its
/// own ring thread and table, submitting threads pick a member by processor, and the IoRing users hold answers
/// for the whole set: in-flight count and list, capacity, cancel by fd / tag / all, quiesce, metrics, dispose.
/// Operations are put on a chosen member directly (the processor a test thread runs on is not ours to choose).
/// </summary>
public sealed class RingSetTests
{
    private static IoRing CreateSet(string name, int count = 3, QuiescedSubmissions whileQuiesced = QuiescedSubmissions.Wait) =>
        IoRing.Create(new IoRingOptions { Backend = IoBackend.IoUring, Capacity = 32, Name = name, TryNonBlockingFirst = false, WhileQuiesced = whileQuiesced, Rings = count });

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 1)]
    [InlineData(3, 1)]
    [InlineData(4, 2)]
    [InlineData(16, 8)]
    [InlineData(64, 16)]
    [InlineData(256, 16)]
    public void Shared_has_one_ring_per_two_processors_within_bounds(int processors, int rings) =>
        Assert.Equal(rings, IoRing.SharedRingCount(processors));

    [Fact]
    public async Task The_shared_ring_is_a_set_sized_by_the_processor_count_and_runs_operations()
    {
        IoRing shared = IoRing.Shared;
        Assert.Equal(IoRing.SharedRingCount(Environment.ProcessorCount), shared.MemberCount);
        await ReliabilityAssert.Within(Task.WhenAll(Enumerable.Range(0, 64).Select(_ => Task.Run(async () => await shared.NopAsync()))), "Nops on IoRing.Shared");
        if (shared.MemberCount > 1)
        {
            Assert.Contains($"{shared.MemberCount} rings", shared.BackendDescription, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Operations_from_many_threads_spread_over_the_set_and_each_completes_once()
    {
        using IoRing set = CreateSet("set-spread");
        Assert.Equal(3, set.MemberCount);
        long admittedBefore = Enumerable.Range(0, 3).Sum(i => set.Member(i).Table.AdmittedTotal);
        int completed = 0;
        await ReliabilityAssert.Within(
            Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(async () =>
            {
                for (int i = 0; i < 200; i++)
                {
                    await set.NopAsync();
                    await set.RunBlockingAsync(0, static (ref int state) => state);
                    Interlocked.Add(ref completed, 2);
                }
            }))),
            "3,200 Nops and 3,200 blocking calls on a set of rings");
        long admitted = Enumerable.Range(0, 3).Sum(i => set.Member(i).Table.AdmittedTotal) - admittedBefore;
        Assert.Equal(6400, completed);
        Assert.Equal(6400, admitted); // each admitted once, on exactly one member
        Assert.Equal(0, set.InFlightCount);
    }

    [Fact]
    public async Task In_flight_count_list_and_cancels_cover_every_member()
    {
        using IoRing set = CreateSet("set-cancel");
        var pipes = Enumerable.Range(0, 3).Select(_ => new Pipe()).ToArray();
        try
        {
            var reads = Enumerable.Range(0, 3).Select(i => set.Member(i).ReadAsync(pipes[i].ReadFd, new byte[8]).AsTask()).ToArray();
            await WaitUntil(() => set.InFlightCount == 3, "three reads in flight");
            Assert.Equal(96, set.Capacity);

            IReadOnlyList<InFlightOperation> inFlight = set.GetInFlightOperations();
            Assert.Equal(3, inFlight.Count);
            Assert.Equal(pipes.Select(p => p.ReadFd).OrderBy(fd => fd), inFlight.Select(o => o.Fd).OrderBy(fd => fd));
            Assert.Equal(3, inFlight.Select(o => o.Id).Distinct().Count()); // ids stay distinct across members

            // By descriptor: only the read on member 1's pipe.
            Assert.Equal(1, set.CancelByFd(pipes[1].ReadFd));
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => ReliabilityAssert.Within(reads[1], "the read cancelled by fd"));
            Assert.False(reads[0].IsCompleted || reads[2].IsCompleted);

            // Everything else, on both other members.
            Assert.Equal(2, set.CancelAll());
            foreach (Task read in new[] { reads[0], reads[2] })
            {
                await Assert.ThrowsAnyAsync<OperationCanceledException>(() => ReliabilityAssert.Within(read, "a read cancelled by CancelAll"));
            }

            Assert.Equal(0, set.InFlightCount);
            Assert.Empty(set.GetInFlightOperations());
        }
        finally
        {
            Array.ForEach(pipes, p => p.Dispose());
        }
    }

    [Fact]
    public async Task Cancel_by_tag_reaches_every_member()
    {
        using IoRing set = CreateSet("set-tag");
        var pipes = Enumerable.Range(0, 3).Select(_ => new Pipe()).ToArray();
        try
        {
            object tag = new();
            var reads = Enumerable.Range(0, 3)
                .Select(i => set.Member(i).SubmitAsync(RingRequest.Read(pipes[i].ReadFd, new byte[8], -1).WithTag(i == 1 ? new object() : tag)).AsTask())
                .ToArray();
            await WaitUntil(() => set.InFlightCount == 3, "three tagged reads in flight");
            Assert.Equal(2, set.CancelByTag(tag));
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => ReliabilityAssert.Within(reads[0], "tagged read on member 0"));
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => ReliabilityAssert.Within(reads[2], "tagged read on member 2"));
            pipes[1].Write(new byte[] { 7 });
            Assert.Equal(1, await ReliabilityAssert.WithinResult(reads[1], "the untagged read"));
        }
        finally
        {
            Array.ForEach(pipes, p => p.Dispose());
        }
    }

    [Fact]
    public async Task Quiesce_closes_every_member_and_waits_for_the_whole_set_to_drain()
    {
        using IoRing set = CreateSet("set-quiesce", whileQuiesced: QuiescedSubmissions.FailFast);
        using var pipe1 = new Pipe();
        using var pipe2 = new Pipe();
        Task<int> read1 = set.Member(1).ReadAsync(pipe1.ReadFd, new byte[8]).AsTask();
        Task<int> read2 = set.Member(2).ReadAsync(pipe2.ReadFd, new byte[8]).AsTask();
        await WaitUntil(() => set.InFlightCount == 2, "two reads in flight");

        // Stuck: both reads are listed.
        using (QuiesceResult stuck = await set.QuiesceAsync(TimeSpan.FromMilliseconds(50)))
        {
            Assert.False(stuck.Drained);
            Assert.Equal(new[] { pipe1.ReadFd, pipe2.ReadFd }.OrderBy(fd => fd), stuck.StillInFlight.Select(o => o.Fd).OrderBy(fd => fd));
            Assert.True(set.IsQuiesced);
            for (int i = 0; i < 3; i++)
            {
                Assert.Throws<IoRingQuiescedException>(() => { _ = set.Member(i).NopAsync(); });
            }
        }

        await ReliabilityAssert.Within(set.Member(2).NopAsync().AsTask(), "a Nop after the quiesce reopened every member");

        // Drained: the quiesce returns when the last member's last read completes, not before.
        Task<QuiesceResult> quiesce = set.QuiesceAsync(ReliabilityAssert.Bound).AsTask();
        pipe1.Write(new byte[] { 1 });
        Assert.Equal(1, await ReliabilityAssert.WithinResult(read1, "read on member 1"));
        await Task.Delay(30);
        Assert.False(quiesce.IsCompleted, "the quiesce returned while member 2 still had a read in flight");
        pipe2.Write(new byte[] { 2 });
        Assert.Equal(1, await ReliabilityAssert.WithinResult(read2, "read on member 2"));
        using QuiesceResult drained = await ReliabilityAssert.WithinResult(quiesce, "the quiesce of the set");
        Assert.True(drained.Drained);
        Assert.Empty(drained.StillInFlight);
    }

    [Fact]
    public async Task The_in_flight_gauge_reports_the_set_once_under_its_name()
    {
        string name = "set-metrics-" + Guid.NewGuid().ToString("N");
        using IoRing set = CreateSet(name);
        var pipes = Enumerable.Range(0, 3).Select(_ => new Pipe()).ToArray();
        try
        {
            var reads = Enumerable.Range(0, 3).Select(i => set.Member(i).ReadAsync(pipes[i].ReadFd, new byte[8]).AsTask()).ToArray();
            await WaitUntil(() => set.InFlightCount == 3, "three reads in flight");

            var seen = new List<int>();
            using var listener = new MeterListener();
            listener.InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == "AsyncSys" && instrument.Name == "asyncsys.ops.in_flight")
                {
                    l.EnableMeasurementEvents(instrument);
                }
            };
            listener.SetMeasurementEventCallback<int>((_, value, tags, _) =>
            {
                foreach (KeyValuePair<string, object?> tag in tags)
                {
                    if (tag.Key == "asyncsys.ring" && Equals(tag.Value, name))
                    {
                        seen.Add(value);
                    }
                }
            });
            listener.Start();
            listener.RecordObservableInstruments();
            Assert.Equal(new[] { 3 }, seen);

            set.CancelAll();
            foreach (Task read in reads)
            {
                await ReliabilityAssert.CompletesOrIsCancelled(read);
            }
        }
        finally
        {
            Array.ForEach(pipes, p => p.Dispose());
        }
    }

    [Fact]
    public async Task Disposing_the_set_disposes_every_member()
    {
        IoRing set = CreateSet("set-dispose");
        using var pipe = new Pipe();
        Task<int> read = set.Member(2).ReadAsync(pipe.ReadFd, new byte[8]).AsTask();
        await WaitUntil(() => set.InFlightCount == 1, "a read in flight on member 2");
        set.Dispose();
        await Assert.ThrowsAnyAsync<Exception>(() => ReliabilityAssert.Within(read, "the read on a disposed member"));
        Assert.True(read.IsCanceled || read.Exception?.InnerException is OperationCanceledException or ObjectDisposedException);
        for (int i = 0; i < 3; i++)
        {
            Assert.Throws<ObjectDisposedException>(() => { _ = set.Member(i).NopAsync(); });
        }

        Assert.Empty(set.Abandoned);
    }

    private static async Task WaitUntil(Func<bool> condition, string what)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(clock.Elapsed < ReliabilityAssert.Bound, $"{what}: not reached within {ReliabilityAssert.Bound.TotalSeconds} s");
            await Task.Delay(5);
        }
    }
}
