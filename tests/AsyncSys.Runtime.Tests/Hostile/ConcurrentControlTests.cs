using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace AsyncSys.Runtime.Tests.Hostile;

/// <summary>
/// Control calls (CancelAll, CancelByFd, CancelByTag, QuiesceAsync, the in-flight listing, Dispose) from many threads
/// while other threads submit, complete and cancel operations: docs/reliability.md "Every operation ends exactly once,
/// whatever runs at the same time", docs/quiesce.md, ARCHITECTURE invariant 9.
/// </summary>
public sealed class ConcurrentControlTests
{
    [Theory]
    [MemberData(nameof(DeliveryModes.Matrix), MemberType = typeof(DeliveryModes))]
    public async Task Submits_cancels_and_control_calls_from_many_threads_end_every_operation_once_and_lose_no_byte(IoBackend backend, DeliveryMode mode)
    {
        using IoRing ring = Hostile.Create(backend, mode, capacity: 32);
        using var counts = new ImmediateAttemptTests.RingCounts(ring.Name);
        using var file = new TempFile(64 * 1024);
        using var handle = file.Open();
        var pipes = Enumerable.Range(0, 6).Select(_ => new RawPipe()).ToArray();
        var ledger = new Ledger();
        long written = 0, taken = 0;
        int perSubmitter = Hostile.Rounds(40, 2000);

        await Hostile.Run(ring, mode, async () =>
        {
            using var stop = new CancellationTokenSource();
            var errors = new List<Exception>();

            // Control calls from pool threads, looping until the submitters are done.
            Task Control(Func<Task> step) => Task.Run(async () =>
            {
                try
                {
                    while (!stop.IsCancellationRequested)
                    {
                        await step();
                        await Task.Yield();
                    }
                }
                catch (Exception e)
                {
                    lock (errors)
                    {
                        errors.Add(e);
                    }
                }
            });

            var random = new Random(backend.GetHashCode() * 31 + (int)mode);
            Task[] controls =
            {
                Control(() => { ring.CancelAll(); return Task.CompletedTask; }),
                Control(() => { ring.CancelByFd(pipes[Random.Shared.Next(pipes.Length)].Read); return Task.CompletedTask; }),
                Control(() => { ring.CancelByTag("victim"); return Task.CompletedTask; }),
                Control(() => { _ = ring.GetInFlightOperations().Count; _ = ring.InFlightCount; return Task.CompletedTask; }),
                Control(async () =>
                {
                    QuiesceResult quiesce = await ring.QuiesceAsync(TimeSpan.FromMilliseconds(2));
                    Assert.True(ring.IsQuiesced);
                    quiesce.Dispose();
                }),
                Control(() =>
                {
                    // A feeder: one byte into each pipe, so some reads complete with data while others are cancelled.
                    foreach (RawPipe pipe in pipes)
                    {
                        pipe.Put(1);
                        Interlocked.Increment(ref written);
                    }

                    return Task.Delay(1);
                }),
            };

            // Submitters run where the mode puts user code (on the ring thread in the ring context).
            async Task Submitter(int id)
            {
                for (int i = 0; i < perSubmitter; i++)
                {
                    int kind = (id + i) % 5;
                    using var cts = new CancellationTokenSource();
                    if (i % 3 == 0)
                    {
                        cts.Cancel();
                    }

                    Task<(Ending, int, Exception?)> op = kind switch
                    {
                        0 => ledger.Track(() => ring.ReadAsync(pipes[(id + i) % pipes.Length].Read, new byte[1], cts.Token), "pipe read"),
                        1 => ledger.Track(() => ring.NopAsync(cts.Token), "nop"),
                        2 => ledger.Track(() => ring.ReadAsync(handle, new byte[512], 512L * (i % 64), cts.Token), "file read"),
                        3 => ledger.Track(() => ring.SubmitAsync(RingRequest.Read(pipes[(id + i) % pipes.Length].Read, new byte[1], -1).WithTag("victim"), cts.Token), "tagged pipe read"),
                        _ => ledger.Track(async () => (int)await ring.PollAsync(pipes[(id + i) % pipes.Length].Read, PollEvents.In, cts.Token), "poll"),
                    };
                    if (i % 3 == 1)
                    {
                        cts.Cancel();
                    }

                    (Ending ending, int value, _) = await op;
                    if (kind is 0 or 3 && ending == Ending.Result)
                    {
                        Interlocked.Add(ref taken, value);
                    }
                }
            }

            await Task.WhenAll(Enumerable.Range(0, 4).Select(Submitter));
            stop.Cancel();
            await Task.WhenAll(controls);
            Assert.Empty(errors);
        });

        ledger.AssertEachEndedOnce();
        Assert.Equal(0, ring.InFlightCount);
        long left = pipes.Sum(p => (long)p.Pending);
        Assert.True(written == taken + left, $"bytes written {written}, read {taken}, still in the pipes {left}: a cancelled read lost bytes ({ledger})");
        Assert.Equal(counts["asyncsys.ops.submitted"], counts["asyncsys.ops.completed"] + counts["asyncsys.ops.cancelled"] + counts["asyncsys.ops.failed"]);
        foreach (RawPipe pipe in pipes)
        {
            pipe.Dispose();
        }
    }

    [Theory]
    [MemberData(nameof(DeliveryModes.Matrix), MemberType = typeof(DeliveryModes))]
    public async Task Dispose_racing_Dispose_and_DisposeAsync_never_throws_and_ends_each_waiting_read_with_ObjectDisposedException(IoBackend backend, DeliveryMode mode)
    {
        IoRing ring = Hostile.Create(backend, mode);
        var pipes = Enumerable.Range(0, 16).Select(_ => new RawPipe()).ToArray();
        var ledger = new Ledger();
        var reads = new List<Task<(Ending Ending, int, Exception?)>>();

        await Hostile.Run(ring, mode, async () =>
        {
            foreach (RawPipe pipe in pipes)
            {
                reads.Add(ledger.Track(() => ring.ReadAsync(pipe.Read, new byte[8]), "pipe read"));
            }

            await Hostile.UntilPending(ring, pipes.Length);
            using var go = new ManualResetEventSlim();
            Task[] disposers = Enumerable.Range(0, 6).Select(i => Task.Run(async () =>
            {
                go.Wait();
                if (i % 2 == 0)
                {
                    ring.Dispose();
                }
                else
                {
                    await ring.DisposeAsync();
                }
            })).ToArray();
            go.Set();
            if (mode == DeliveryMode.RingContext)
            {
                // One more from the ring's own thread (on io_uring): it must not wait for itself.
                ring.Dispose();
            }

            await Task.WhenAll(disposers);
            await Task.WhenAll(reads);
        });

        ledger.AssertEachEndedOnce();
        Assert.All(reads, r => Assert.Equal(Ending.Disposed, r.Result.Ending));
        Assert.Equal(0, ring.InFlightCount);
        Assert.Empty(ring.Abandoned);
        await Assert.ThrowsAsync<ObjectDisposedException>(async () => await ring.NopAsync());
        Assert.Throws<ObjectDisposedException>(() => ring.CancelAll());

        // The disposed reads took nothing: a byte written now stays in its pipe.
        foreach (RawPipe pipe in pipes)
        {
            pipe.Put(7);
            Assert.Equal(1, pipe.Pending);
            pipe.Dispose();
        }
    }

    [Theory]
    [MemberData(nameof(DeliveryModes.Matrix), MemberType = typeof(DeliveryModes))]
    public async Task Quiesce_racing_Dispose_returns_or_throws_ObjectDisposedException_and_never_hangs(IoBackend backend, DeliveryMode mode)
    {
        int rounds = Hostile.Rounds(4, 100);
        for (int round = 0; round < rounds; round++)
        {
            IoRing ring = Hostile.Create(backend, mode);
            using var pipe = new RawPipe();
            var ledger = new Ledger();
            await Hostile.Run(ring, mode, async () =>
            {
                Task<(Ending, int, Exception?)> read = ledger.Track(() => ring.ReadAsync(pipe.Read, new byte[4]), "pipe read");
                await Hostile.UntilPending(ring);

                // Quiesce (waiting for a read that never completes by itself) and submitters waiting on the closed
                // gate, then Dispose from another thread.
                Task<QuiesceResult> quiesce = Task.Run(async () => await ring.QuiesceAsync(Timeout.InfiniteTimeSpan));
                await Hostile.Until(() => ring.IsQuiesced || quiesce.IsCompleted, "admission closes");
                Task<(Ending, int, Exception?)>[] waiting = Enumerable.Range(0, 4).Select(_ => ledger.Track(() => ring.NopAsync(), "nop behind the gate")).ToArray();
                Task dispose = Task.Run(() => round % 2 == 0 ? ring.DisposeAsync().AsTask() : Task.Run(ring.Dispose));

                QuiesceResult? result = null;
                try
                {
                    result = await quiesce;
                }
                catch (ObjectDisposedException)
                {
                }

                // Reopening after the ring is gone is harmless: it never throws.
                result?.Dispose();

                await dispose;
                await Task.WhenAll(waiting);
                await read;
            });

            ledger.AssertEachEndedOnce();
            Assert.Equal(0, ring.InFlightCount);
            Assert.Equal(0, pipe.Pending);
            pipe.Put(1);
            Assert.Equal(1, pipe.Pending);
        }
    }

    [Theory]
    [MemberData(nameof(DeliveryModes.Matrix), MemberType = typeof(DeliveryModes))]
    public async Task Submits_racing_Dispose_end_with_a_result_or_ObjectDisposedException(IoBackend backend, DeliveryMode mode)
    {
        using var file = new TempFile(8192);
        int rounds = Hostile.Rounds(3, 60);
        for (int round = 0; round < rounds; round++)
        {
            IoRing ring = Hostile.Create(backend, mode, capacity: 16);
            using var handle = file.Open();
            var ledger = new Ledger();
            await Hostile.Run(ring, mode, async () =>
            {
                using var stop = new CancellationTokenSource();
                Task[] submitters = Enumerable.Range(0, 3).Select(id => Task.Run(async () =>
                {
                    for (int i = 0; !stop.IsCancellationRequested && i < 10_000; i++)
                    {
                        (Ending ending, _, _) = await ledger.Track(
                            () => (id + i) % 2 == 0 ? ring.ReadAsync(handle, new byte[256], 256L * (i % 32)) : ring.SubmitAsync(RingRequest.Nop()),
                            "op");
                        if (ending == Ending.Disposed)
                        {
                            return;
                        }
                    }
                })).ToArray();

                await Hostile.Until(() => ledger.Ended > 20, "some operations end before the dispose");
                if (round % 2 == 0)
                {
                    await ring.DisposeAsync();
                }
                else
                {
                    await Task.Run(ring.Dispose);
                }

                stop.Cancel();
                await Task.WhenAll(submitters);
            });

            ledger.AssertEachEndedOnce();
            Assert.Equal(0, ledger[Ending.Cancelled]);
            Assert.Equal(0, ledger[Ending.Errno]);
            Assert.Equal(0, ring.InFlightCount);
            Assert.Empty(ring.Abandoned);
        }
    }

    [Theory]
    [MemberData(nameof(DeliveryModes.Matrix), MemberType = typeof(DeliveryModes))]
    public async Task CancelByFd_and_CancelByTag_racing_completions_never_cancel_another_descriptors_or_tags_operations(IoBackend backend, DeliveryMode mode)
    {
        using IoRing ring = Hostile.Create(backend, mode, capacity: 64);
        using var victims = new RawPipe();
        var others = Enumerable.Range(0, 4).Select(_ => new RawPipe()).ToArray();
        var ledger = new Ledger();
        int rounds = Hostile.Rounds(30, 1000);

        await Hostile.Run(ring, mode, async () =>
        {
            using var stop = new CancellationTokenSource();
            Task canceller = Task.Run(async () =>
            {
                while (!stop.IsCancellationRequested)
                {
                    ring.CancelByFd(victims.Read);
                    ring.CancelByTag("victim");
                    await Task.Yield();
                }
            });

            for (int round = 0; round < rounds; round++)
            {
                // Victims: on the victim pipe, or tagged "victim". Others: on other pipes, tagged "other".
                var victimOps = new List<Task<(Ending Ending, int, Exception?)>>
                {
                    ledger.Track(() => ring.ReadAsync(victims.Read, new byte[1]), "victim read"),
                    ledger.Track(() => ring.SubmitAsync(RingRequest.Poll(others[0].Read, PollEvents.In).WithTag("victim")), "victim poll"),
                };
                var otherOps = others.Select(p => ledger.Track(() => ring.SubmitAsync(RingRequest.Read(p.Read, new byte[1], -1).WithTag("other")), "other read")).ToList();

                await Task.WhenAll(victimOps);
                Assert.All(victimOps, v => Assert.Equal(Ending.Cancelled, v.Result.Ending));

                // The others were never asked to cancel: each gets the byte written now.
                foreach (RawPipe p in others)
                {
                    p.Put((byte)round);
                }

                foreach (var other in otherOps)
                {
                    (Ending ending, int value, Exception? error) = await other;
                    Assert.True(ending == Ending.Result && value == 1, $"an operation on another descriptor and tag ended {ending} {error?.Message}");
                }

                // The victim poll may have seen the byte on others[0]: drain it so the next round starts empty.
                Assert.All(others, p => Assert.Equal(0, p.Pending));
            }

            stop.Cancel();
            await canceller;
        });

        ledger.AssertEachEndedOnce();
        Assert.Equal(0, ring.InFlightCount);
        foreach (RawPipe p in others)
        {
            p.Dispose();
        }
    }

    [Theory]
    [MemberData(nameof(DeliveryModes.Matrix), MemberType = typeof(DeliveryModes))]
    public async Task A_quiesced_ring_admits_nothing_from_many_threads_and_admits_every_waiter_after_reopening(IoBackend backend, DeliveryMode mode)
    {
        using IoRing ring = Hostile.Create(backend, mode, capacity: 16);
        using var pipe = new RawPipe();
        var ledger = new Ledger();

        await Hostile.Run(ring, mode, async () =>
        {
            QuiesceResult quiesce = await ring.QuiesceAsync(TimeSpan.FromSeconds(5));
            Assert.True(quiesce.Drained);

            // 40 writers from 4 threads, more than the table holds: while quiesced none may reach the pipe.
            Task<(Ending, int, Exception?)>[] writers = Enumerable.Range(0, 4).SelectMany(t => Enumerable.Range(0, 10).Select(i =>
                Task.Run(() => ledger.Track(() => ring.WriteAtMostAsync(pipe.Write, new byte[] { (byte)(t * 10 + i) }), "write")))).ToArray();
            await Hostile.Until(() => ledger.Started == 40, "every writer has called");
            for (int i = 0; i < 20; i++)
            {
                await Task.Yield();
                Assert.Equal(0, ring.InFlightCount);
                Assert.Equal(0, pipe.Pending);
            }

            Assert.All(writers, w => Assert.False(w.IsCompleted));
            await Assert.ThrowsAsync<InvalidOperationException>(async () => await ring.QuiesceAsync(TimeSpan.Zero));
            quiesce.Dispose();
            await Task.WhenAll(writers);
        });

        ledger.AssertEachEndedOnce();
        Assert.Equal(40, ledger[Ending.Result]);
        Assert.Equal(40, pipe.Pending);
        Assert.Equal(Enumerable.Range(0, 40).Select(i => (byte)i).ToHashSet(), Sys.Take(pipe.Read, 64).ToHashSet());
    }
}
