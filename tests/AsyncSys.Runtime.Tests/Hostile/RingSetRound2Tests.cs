using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace AsyncSys.Runtime.Tests.Hostile;

/// <summary>
/// An <see cref="IoRing"/> over two kernel rings (<see cref="IoRingOptions.Rings"/>) and <see cref="IoRing.Shared"/>
/// under load: counts, lists, quiesce and cancels "cover every ring" (the option's XML docs), and Dispose, from any
/// thread including a ring's own, ends every operation on both rings exactly once.
/// </summary>
public sealed class RingSetRound2Tests
{
    [Theory]
    [MemberData(nameof(DeliveryModes.Matrix), MemberType = typeof(DeliveryModes))]
    public async Task On_two_rings_the_listing_quiesce_and_CancelAll_cover_operations_from_every_submitting_thread(IoBackend backend, DeliveryMode mode)
    {
        const int Stuck = 12;
        using IoRing ring = Hostile.Create(backend, mode, o => o.Rings = 2);
        var pipes = Enumerable.Range(0, Stuck).Select(_ => new RawPipe()).ToArray();
        using var late = new RawPipe();
        var ledger = new Ledger();
        var tag = new object();
        try
        {
            await Hostile.Run(ring, mode, async () =>
            {
                // Reads that wait, submitted from many pool threads (so from the processors' different rings) and from here.
                var waiting = new List<Task<(Ending Ending, int Value, Exception? Error)>>();
                for (int i = 0; i < Stuck; i++)
                {
                    int fd = pipes[i].Read;
                    waiting.Add(i % 2 == 0
                        ? ledger.Track(() => ring.SubmitAsync(RingRequest.Read(fd, new byte[4], -1).WithTag(tag)), "stuck read")
                        : Task.Run(() => ledger.Track(() => ring.SubmitAsync(RingRequest.Read(fd, new byte[4], -1).WithTag(tag)), "stuck read")));
                }

                // Load beside them: nops and reads of pipes that get their byte, from 4 pool loops.
                using var stop = new CancellationTokenSource();
                Task[] load = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
                {
                    using var p = new RawPipe();
                    while (!stop.IsCancellationRequested)
                    {
                        await ledger.Track(() => ring.NopAsync(), "nop");
                        p.Put(1);
                        var outcome = await ledger.Track(() => ring.ReadAsync(p.Read, new byte[1]), "load read");
                        Assert.True(outcome.Ending != Ending.Result || outcome.Value == 1);
                        if (outcome.Ending != Ending.Result)
                        {
                            Sys.Take(p.Read, 1);
                        }
                    }
                })).ToArray();

                await Hostile.Until(() => ring.GetInFlightOperations().Count(o => Equals(o.Tag, tag)) == Stuck, $"the listing shows all {Stuck} waiting reads");

                // Quiesce: lists every stuck read (from both rings), holds a write submitted meanwhile.
                QuiesceResult quiesce = await ring.QuiesceAsync(TimeSpan.FromMilliseconds(50));
                Assert.False(quiesce.Drained);
                Assert.Equal(Stuck, quiesce.StillInFlight.Count(o => Equals(o.Tag, tag)));
                Task<(Ending Ending, int Value, Exception? Error)> held = ledger.Track(() => ring.WriteAsync(late.Write, new byte[] { 42 }), "write behind the quiesce");
                await Task.Delay(20);
                Assert.Equal(0, late.Pending);
                quiesce.Dispose();
                Assert.Equal(Ending.Result, (await Hostile.Within(held, ring, "the write after reopening")).Ending);
                Assert.Equal(1, late.Pending);

                // CancelAll reaches the stuck reads on both rings; the load goes on.
                ring.CancelAll();
                foreach (var w in waiting)
                {
                    Assert.Equal(Ending.Cancelled, (await Hostile.Within(w, ring, "a stuck read after CancelAll")).Ending);
                }

                stop.Cancel();
                await Hostile.Within(Task.WhenAll(load), ring, "the load loops");
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
    public async Task Dispose_of_two_rings_under_load_ends_every_operation_once_on_both(IoBackend backend, DeliveryMode mode)
    {
        IoRing ring = Hostile.Create(backend, mode, o => o.Rings = 2);
        var ledger = new Ledger();
        var pipes = Enumerable.Range(0, 8).Select(_ => new RawPipe()).ToArray();
        try
        {
            Task[] loops = Enumerable.Range(0, 6).Select(i => Task.Run(async () =>
            {
                using var p = new RawPipe();
                var one = new byte[1];
                while (true)
                {
                    Ending ending;
                    if (i % 2 == 0)
                    {
                        (ending, _, _) = await ledger.Track(() => ring.WriteAsync(p.Write, one), "load write");
                    }
                    else
                    {
                        p.Put(1);
                        (ending, _, _) = await ledger.Track(() => ring.ReadAsync(p.Read, new byte[1]), "load read");
                    }

                    // Whatever the operation left in the pipe goes, so the next round starts empty.
                    Sys.Take(p.Read, 1);
                    if (ending == Ending.Disposed)
                    {
                        return;
                    }
                }
            })).ToArray();
            var stuck = pipes.Select(p => ledger.Track(() => ring.ReadAsync(p.Read, new byte[1]), "stuck read")).ToArray();
            await Hostile.UntilPending(ring, pipes.Length);
            await Task.Delay(20);

            // From the ring context when there is one, else from the pool.
            if (mode == DeliveryMode.RingContext)
            {
                await ring.RunOnRingAsync(() =>
                {
                    ring.Dispose();
                    return Task.CompletedTask;
                });
            }
            else
            {
                await Task.Run(ring.Dispose);
            }

            foreach (var s in stuck)
            {
                Assert.Equal(Ending.Disposed, (await Hostile.Within(s, ring, "a stuck read after Dispose")).Ending);
            }

            await Hostile.Within(Task.WhenAll(loops), ring, "the loops after Dispose");
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
        Assert.Equal(0, ring.InFlightCount);
        Assert.Empty(ring.Abandoned);
    }

    [Theory]
    [InlineData(IoBackend.IoUring)]
    [InlineData(IoBackend.LinuxAio)]
    [InlineData(IoBackend.Workers)]
    public async Task Loops_on_the_rings_own_threads_submitting_while_another_thread_disposes_all_end(IoBackend backend)
    {
        IoRing ring = Hostile.Create(backend, DeliveryMode.RingContext, o => o.Rings = 2);
        var ledger = new Ledger();
        int rounds = 0;
        Task[] loops = Enumerable.Range(0, 6).Select(i => ring.RunOnRingAsync(async () =>
        {
            using var p = new RawPipe();
            var one = new byte[1];
            while (true)
            {
                p.Put(1);
                (Ending ending, _, _) = await ledger.Track(() => ring.ReadAsync(p.Read, one), "ring-thread read");
                Interlocked.Increment(ref rounds);
                if (ending == Ending.Disposed)
                {
                    return;
                }

                if (ending != Ending.Result)
                {
                    Sys.Take(p.Read, 1);
                }

                (ending, _, _) = await ledger.Track(() => ring.DelayAsync(TimeSpan.FromMilliseconds(1)), "ring-thread delay");
                if (ending == Ending.Disposed)
                {
                    return;
                }
            }
        })).ToArray();

        // One more loop disposes the ring from inside a ring thread, while the other loops run.
        using var pipe = new RawPipe();
        Task<(Ending Ending, int Value, Exception? Error)> stuck = ledger.Track(() => ring.ReadAsync(pipe.Read, new byte[1]), "stuck read");
        await Hostile.Until(() => Volatile.Read(ref rounds) > 30, "the loops run");
        Task disposer = Task.Run(async () =>
        {
            await Task.Delay(5);
            ring.Dispose();
        });
        Task fromRing = ring.RunOnRingAsync(async () =>
        {
            await Task.Yield();
            await ring.DisposeAsync();
        });

        await Hostile.Within(Task.WhenAll(loops.Append(disposer)), ring, "the ring-thread loops after Dispose");
        try
        {
            await Hostile.Within(fromRing, ring, "DisposeAsync from a ring thread");
        }
        catch (ObjectDisposedException)
        {
            // The ring was already disposed when the loop was to be started: RunOnRingAsync may refuse it.
        }

        Assert.Equal(Ending.Disposed, (await Hostile.Within(stuck, ring, "the stuck read")).Ending);
        ledger.AssertEachEndedOnce();
        Assert.Equal(0, ring.InFlightCount);
        Assert.Empty(ring.Abandoned);
    }

    [Fact]
    public async Task The_shared_ring_lists_and_cancels_by_tag_under_load_and_ignores_Dispose()
    {
        IoRing ring = IoRing.Shared;
        var tag = new object();
        var ledger = new Ledger();
        var pipes = Enumerable.Range(0, 16).Select(_ => new RawPipe()).ToArray();
        try
        {
            var waiting = pipes.Select(p => Task.Run(() => ledger.Track(() => ring.SubmitAsync(RingRequest.Read(p.Read, new byte[2], -1).WithTag(tag)), "tagged read on the shared ring"))).ToArray();
            using var stop = new CancellationTokenSource();
            Task load = Task.Run(async () =>
            {
                while (!stop.IsCancellationRequested)
                {
                    await ledger.Track(() => ring.NopAsync(), "nop on the shared ring");
                }
            });
            await Hostile.Until(() => ring.GetInFlightOperations().Count(o => Equals(o.Tag, tag)) == pipes.Length, "the tagged reads are listed");

            // The shared ring ignores Dispose: nothing it holds ends, and it keeps admitting.
            ring.Dispose();
            await ring.DisposeAsync();
            Assert.Equal(pipes.Length, ring.GetInFlightOperations().Count(o => Equals(o.Tag, tag)));
            pipes[0].Put(7);
            var first = await Hostile.Within(waiting[0], ring, "the first tagged read");
            Assert.Equal((Ending.Result, 1), (first.Ending, first.Value));

            Assert.Equal(pipes.Length - 1, ring.CancelByTag(tag));
            foreach (var w in waiting.Skip(1))
            {
                Assert.Equal(Ending.Cancelled, (await Hostile.Within(w, ring, "a tagged read after CancelByTag")).Ending);
            }

            stop.Cancel();
            await Hostile.Within(load, ring, "the nop loop");
            pipes[1].Put(1);
            Assert.Equal(1, await ring.ReadAsync(pipes[1].Read, new byte[1]));
        }
        finally
        {
            foreach (RawPipe p in pipes)
            {
                p.Dispose();
            }
        }

        ledger.AssertEachEndedOnce();
        Assert.Equal(0, ring.GetInFlightOperations().Count(o => Equals(o.Tag, tag)));
    }
}
