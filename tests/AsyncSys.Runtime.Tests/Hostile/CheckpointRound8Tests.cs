using System;
using System.Buffers;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;

namespace AsyncSys.Runtime.Tests.Hostile;

/// <summary>
/// Round 8: a storage engine's checkpoints (docs/quiesce.md, samples/Checkpoint): quiesces racing each other, new
/// submissions, <c>CancelAll</c> and <c>Dispose</c>; a result disposed more than once; a quiesce that times out with
/// blocking calls and direct I/O in flight, and the listing during it; the checkpoint contract itself.
/// </summary>
public sealed class CheckpointRound8Tests
{
    private struct Blocked
    {
        public int Fd;
    }

    private static unsafe long ReadOne(ref Blocked b)
    {
        byte one;
        return Sys.read(b.Fd, &one, 1);
    }

    private static void Interrupt(BlockingCallInfo call) => call.InterruptWorker();

    [Theory]
    [MemberData(nameof(DeliveryModes.Matrix), MemberType = typeof(DeliveryModes))]
    public async Task A_quiesce_result_disposed_twice_reopens_admission_once_and_never_ends_a_later_quiesce(IoBackend backend, DeliveryMode mode)
    {
        using IoRing ring = Hostile.Create(backend, mode, o => o.WhileQuiesced = QuiescedSubmissions.FailFast);
        using var counts = new ImmediateAttemptTests.RingCounts(ring.Name);

        await Hostile.Run(ring, mode, async () =>
        {
            QuiesceResult first = await ring.QuiesceAsync(TimeSpan.FromSeconds(5));
            Assert.True(first.Drained);
            first.Dispose();
            Assert.False(ring.IsQuiesced);

            QuiesceResult second = await ring.QuiesceAsync(TimeSpan.FromSeconds(5));
            // The stale result, disposed again (and asynchronously, and from another thread), must not reopen the
            // ring under the second quiesce.
            first.Dispose();
            await first.DisposeAsync();
            await Task.Run(first.Dispose);
            Assert.True(ring.IsQuiesced, "disposing a stale quiesce result reopened a later quiesce");
            await DeliveryModes.Fails<IoRingQuiescedException>(async () => await ring.NopAsync());
            await DeliveryModes.Fails<InvalidOperationException>(async () => await ring.QuiesceAsync(TimeSpan.Zero));

            // The holder's result, disposed from several threads at once: reopened, and a third quiesce is not
            // reopened by any of those disposals coming late.
            using var start = new Barrier(4);
            Task[] disposers = Enumerable.Range(0, 4).Select(_ => Task.Factory.StartNew(() =>
            {
                start.SignalAndWait();
                second.Dispose();
            }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default)).ToArray();
            await Hostile.Within(Task.WhenAll(disposers), ring, "four disposals of one result");
            Assert.False(ring.IsQuiesced);
            await ring.NopAsync();

            QuiesceResult third = await ring.QuiesceAsync(TimeSpan.FromSeconds(5));
            second.Dispose();
            Assert.True(ring.IsQuiesced, "a late disposal of the previous result reopened the third quiesce");
            await third.DisposeAsync();
            await ring.NopAsync();
        });

        Assert.Equal(2, counts["asyncsys.ops.submitted"]);
        Assert.Equal(2, counts["asyncsys.ops.completed"]);
    }

    [Theory]
    [MemberData(nameof(DeliveryModes.Matrix), MemberType = typeof(DeliveryModes))]
    public async Task Snapshots_taken_while_operations_are_admitted_list_only_operations_with_their_kind_and_an_age_that_is_not_negative(IoBackend backend, DeliveryMode mode)
    {
        using IoRing ring = Hostile.Create(backend, mode);
        using var file = new TempFile(64 * 1024);
        using var handle = file.Open();
        BlockingCall<Blocked> zero = static (ref Blocked b) => ReadOne(ref b);
        int devZero = Sys.Check(Sys.open("/dev/zero", Sys.O_RDONLY | Sys.O_CLOEXEC, 0), "open(/dev/zero)");
        var wrong = new ConcurrentQueue<string>();
        int snapshots = 0, listed = 0;
        try
        {
            await Hostile.Run(ring, mode, async () =>
            {
                using var stop = new CancellationTokenSource();
                Task[] submitters = Enumerable.Range(0, 3).Select(s => Task.Run(async () =>
                {
                    byte[] buffer = new byte[512];
                    for (int i = 0; !stop.IsCancellationRequested; i++)
                    {
                        switch ((i + s) % 3)
                        {
                            case 0:
                                await ring.NopAsync();
                                break;
                            case 1:
                                await ring.ReadAsync(handle, buffer, (i % 64) * 512L);
                                break;
                            default:
                                (await ring.RunBlockingAsync(new Blocked { Fd = devZero }, zero)).ThrowIfFailed("read");
                                break;
                        }
                    }
                })).ToArray();

                await Task.Run(() =>
                {
                    var clock = System.Diagnostics.Stopwatch.StartNew();
                    while (wrong.IsEmpty && (snapshots < Hostile.Rounds(20_000, 200_000) || listed < 100) && clock.Elapsed < TimeSpan.FromSeconds(10))
                    {
                        IReadOnlyList<InFlightOperation> snapshot = ring.GetInFlightOperations();
                        listed += snapshot.Count;
                        snapshots++;
                        if (Round8.Inconsistency(snapshot) is { } bad)
                        {
                            wrong.Enqueue(bad);
                        }
                    }
                });
                stop.Cancel();
                await Hostile.Within(Task.WhenAll(submitters), ring, "the submitters");
            });
        }
        finally
        {
            Sys.close(devZero);
        }

        Assert.True(wrong.IsEmpty, $"after {snapshots} snapshots listing {listed}: " + string.Join("\n", wrong.Take(5)));
        Assert.True(listed > 0, "no snapshot listed anything");
        Assert.Equal(0, ring.InFlightCount);
    }

    [Theory]
    [MemberData(nameof(DeliveryModes.Matrix), MemberType = typeof(DeliveryModes))]
    public async Task Quiesces_racing_each_other_submissions_and_CancelAll_hold_admission_shut_while_drained_and_end_with_Dispose(IoBackend backend, DeliveryMode mode)
    {
        using var file = new TempFile(256 * 1024);
        IoRing ring = Hostile.Create(backend, mode);
        using var counts = new ImmediateAttemptTests.RingCounts(ring.Name);
        using var handle = file.Open();
        using DirectFileHandle direct = DirectFileHandle.Open(file.Path, OpenFlags.ReadOnly);
        var ledger = new Ledger();
        var wrong = new ConcurrentQueue<string>();
        int holds = 0, refusals = 0, drainedHolds = 0, rounds = Hostile.Rounds(40, 400);
        int holder = 0;
        BlockingCall<Blocked> zero = static (ref Blocked b) => ReadOne(ref b);
        int devZero = Sys.Check(Sys.open("/dev/zero", Sys.O_RDONLY | Sys.O_CLOEXEC, 0), "open(/dev/zero)");

        try
        {
            await Hostile.Run(ring, mode, async () =>
            {
                using var stop = new CancellationTokenSource();
                Task[] submitters = Enumerable.Range(0, 4).Select(s => Task.Run(async () =>
                {
                    byte[] buffer = new byte[4096];
                    using IMemoryOwner<byte> aligned = AlignedBufferPool.Shared.Rent(4096);
                    for (int i = 0; !stop.IsCancellationRequested; i++)
                    {
                        switch ((i + s) % 5)
                        {
                            case 0:
                                await ledger.Track(() => ring.ReadAsync(handle, buffer, (i % 64) * 4096L), "read");
                                break;
                            case 1:
                                await ledger.Track(() => ring.ReadAsync(direct, aligned.Memory, (i % 64) * 4096L), "direct read");
                                break;
                            case 2:
                                await ledger.Track(() => ring.FdatasyncAsync(handle), "fdatasync");
                                break;
                            case 3:
                                await ledger.Track(async () => (int)(await ring.RunBlockingAsync(new Blocked { Fd = devZero }, zero)).ThrowIfFailed("read"), "blocking read");
                                break;
                            default:
                                await ledger.Track(() => ring.NopAsync(), "nop");
                                break;
                        }
                    }
                })).ToArray();

                // Three quiescers, one inside the ring's own loop, and a canceller, all racing.
                async Task Quiescer(int id)
                {
                    for (int r = 0; r < rounds; r++)
                    {
                        QuiesceResult result;
                        try
                        {
                            result = await ring.QuiesceAsync(TimeSpan.FromMilliseconds(5));
                        }
                        catch (InvalidOperationException)
                        {
                            Interlocked.Increment(ref refusals);
                            await Task.Delay(1);
                            continue;
                        }

                        if (Interlocked.CompareExchange(ref holder, id, 0) != 0)
                        {
                            wrong.Enqueue($"quiescer {id} holds while quiescer {holder} does");
                        }

                        Interlocked.Increment(ref holds);
                        if (!ring.IsQuiesced)
                        {
                            wrong.Enqueue("a held quiesce says the ring is open");
                        }

                        string? bad = Round8.Inconsistency(result.StillInFlight) ?? Round8.Inconsistency(ring.GetInFlightOperations());
                        if (bad is not null)
                        {
                            wrong.Enqueue(bad);
                        }

                        if (result.Drained)
                        {
                            // Drained and shut: nothing may be admitted until the result is disposed.
                            Interlocked.Increment(ref drainedHolds);
                            long admitted = counts["asyncsys.ops.submitted"];
                            int inFlight = ring.InFlightCount;
                            await Task.Delay(2);
                            if (counts["asyncsys.ops.submitted"] != admitted || ring.InFlightCount != 0 || inFlight != 0)
                            {
                                wrong.Enqueue($"while drained and quiesced: admitted {counts["asyncsys.ops.submitted"] - admitted} more, {ring.InFlightCount} in flight");
                            }
                        }

                        Volatile.Write(ref holder, 0);
                        if (r % 2 == 0)
                        {
                            result.Dispose();
                        }
                        else
                        {
                            await result.DisposeAsync();
                        }
                    }
                }

                Task canceller = Task.Run(async () =>
                {
                    while (!stop.IsCancellationRequested)
                    {
                        ring.CancelAll();
                        await Task.Delay(3);
                    }
                });

                Task onRing = ring.RunOnRingAsync(() => Quiescer(1));
                await Hostile.Within(Task.WhenAll(onRing, Task.Run(() => Quiescer(2)), Task.Run(() => Quiescer(3))), ring, "the quiescers");
                stop.Cancel();
                await Hostile.Within(Task.WhenAll(submitters.Append(canceller)), ring, "the submitters");
            });

            // Last: quiesced with submitters waiting behind it, then Dispose; they end ObjectDisposedException.
            QuiesceResult last = await ring.QuiesceAsync(TimeSpan.FromSeconds(5));
            var waiting = Enumerable.Range(0, 8).Select(i => ledger.Track(() => ring.NopAsync(), "nop behind the last quiesce")).ToArray();
            await Task.Delay(5);
            Assert.All(waiting, w => Assert.False(w.IsCompleted, "a nop was admitted while the ring was quiesced"));
            await Hostile.Within(Task.Run(ring.Dispose), ring, "Dispose of a quiesced ring");
            foreach (var w in waiting)
            {
                (Ending ending, _, Exception? error) = await Hostile.Within(w, ring, "a nop behind the quiesce, after Dispose");
                Assert.True(ending == Ending.Disposed, $"a nop held by the quiesce ended {ending}: {error}");
            }

            last.Dispose();
        }
        finally
        {
            ring.Dispose();
            Sys.close(devZero);
        }

        Assert.True(wrong.IsEmpty, string.Join("\n", wrong.Take(10)));
        ledger.AssertEachEndedOnce();
        Assert.True(holds > 0, $"no quiesce ever held ({refusals} refused)");
        Assert.Equal(0, ring.InFlightCount);
        Assert.Empty(ring.Abandoned);
        // Everything admitted ended once; the nops held behind the quiesce were never admitted.
        Assert.Equal(counts["asyncsys.ops.submitted"], counts["asyncsys.ops.completed"] + counts["asyncsys.ops.cancelled"] + counts["asyncsys.ops.failed"]);
        Assert.Equal(counts["asyncsys.ops.completed"], ledger[Ending.Result]);
        Assert.True(counts["asyncsys.ops.immediate"] <= counts["asyncsys.ops.completed"], $"immediate {counts["asyncsys.ops.immediate"]} > completed {counts["asyncsys.ops.completed"]}");
        Assert.True(counts["asyncsys.ops.offloaded"] <= counts["asyncsys.ops.submitted"], $"offloaded {counts["asyncsys.ops.offloaded"]} > submitted");
        // No call carried a token: every call but the 8 nops held behind the last quiesce was admitted once.
        Assert.Equal(ledger.Started - 8, (int)counts["asyncsys.ops.submitted"]);
    }

    [Theory]
    [MemberData(nameof(DeliveryModes.Matrix), MemberType = typeof(DeliveryModes))]
    public async Task A_quiesce_that_times_out_with_blocking_calls_and_direct_io_in_flight_lists_each_once_and_every_listed_operation_ends_once(IoBackend backend, DeliveryMode mode)
    {
        const int Size = 1 << 20;
        byte[] content = Sys.DirectPatternBytes(8 * Size, 4);
        string path = Path.Combine(Path.GetTempPath(), "asyncsys-r8-" + Guid.NewGuid().ToString("N"));
        File.WriteAllBytes(path, content);
        using IoRing ring = Hostile.Create(backend, mode);
        using var counts = new ImmediateAttemptTests.RingCounts(ring.Name);
        using var pipeA = new RawPipe();
        using var pipeB = new RawPipe();
        using var blockedA = new RawPipe();
        using var blockedB = new RawPipe();
        BlockingCall<Blocked> site = static (ref Blocked b) => ReadOne(ref b);
        var ledger = new Ledger();
        var wrong = new ConcurrentQueue<string>();
        var seenTags = new ConcurrentDictionary<string, int>();
        int directDone = 0;

        try
        {
            using DirectFileHandle direct = DirectFileHandle.Open(path, OpenFlags.ReadOnly);
            await Hostile.Run(ring, mode, async () =>
            {
                using var stop = new CancellationTokenSource();
                var blocking = new[] { blockedA, blockedB }.Select(p => ledger.Track(async () => (int)(await ring.RunBlockingAsync(new Blocked { Fd = p.Read }, site, Interrupt)).ThrowIfFailed("read"), "blocking read")).ToArray();
                var reads = new[] { pipeA, pipeB }.Select((p, i) => ledger.Track(() => ring.SubmitAsync(RingRequest.Read(p.Read, new byte[8], -1).WithTag("pipe-" + i)), "pipe read")).ToArray();
                Task[] directLoops = Enumerable.Range(0, 3).Select(l => Task.Run(async () =>
                {
                    using IMemoryOwner<byte> buffer = AlignedBufferPool.Shared.Rent(Size);
                    for (int i = 0; !stop.IsCancellationRequested; i++)
                    {
                        int slot = (i + l) % 8;
                        var outcome = await ledger.Track(() => ring.SubmitAsync(RingRequest.Read(direct, buffer.Memory, (long)slot * Size).WithTag($"direct-{l}-{i}")), "direct read");
                        if (outcome.Ending == Ending.Result && (outcome.Value != Size || !buffer.Memory.Span.SequenceEqual(content.AsSpan(slot * Size, Size))))
                        {
                            wrong.Enqueue($"direct read {l}/{i}: {outcome.Value} bytes, not the file's");
                        }

                        Interlocked.Increment(ref directDone);
                    }
                })).ToArray();
                await Hostile.Until(
                    () => ring.GetInFlightOperations().Count(o => o.Operation == RingOp.None || (o.Tag is string t && t.StartsWith("pipe-", StringComparison.Ordinal))) == 4,
                    "the two blocking calls and the two pipe reads listed");
                await Hostile.Until(() => Volatile.Read(ref directDone) >= 3, "direct reads complete");

                // Snapshots from another thread for the whole quiesce.
                using var snapping = new CancellationTokenSource();
                int snapshots = 0;
                Task snapper = Task.Run(async () =>
                {
                    while (!snapping.IsCancellationRequested)
                    {
                        IReadOnlyList<InFlightOperation> snapshot = ring.GetInFlightOperations();
                        string? bad = Round8.Inconsistency(snapshot);
                        if (bad is not null)
                        {
                            wrong.Enqueue(bad);
                        }

                        foreach (InFlightOperation op in snapshot)
                        {
                            if (op.Tag is string tag)
                            {
                                seenTags.TryAdd(tag, 0);
                            }
                        }

                        Interlocked.Increment(ref snapshots);
                        await Task.Yield();
                    }
                });

                QuiesceResult quiesce = await ring.QuiesceAsync(TimeSpan.FromMilliseconds(100));
                Assert.False(quiesce.Drained, "drained with two pipe reads and two blocking reads waiting");
                Assert.Null(Round8.Inconsistency(quiesce.StillInFlight));
                IReadOnlyList<InFlightOperation> stuck = quiesce.StillInFlight;
                Assert.Equal(2, stuck.Count(o => o.Operation == RingOp.None));
                Assert.All(stuck.Where(o => o.Operation == RingOp.None), o => Assert.True(o.State is InFlightState.OnWorker or InFlightState.Queued, $"blocking call listed {o.State}"));
                Assert.Equal(new[] { "pipe-0", "pipe-1" }, stuck.Select(o => o.Tag as string).Where(t => t is not null && t.StartsWith("pipe-", StringComparison.Ordinal)).Order().ToArray());
                Assert.All(stuck.Where(o => o.Tag is string t && t.StartsWith("direct-", StringComparison.Ordinal)), o => Assert.Equal(RingOp.Read, o.Operation));

                // Cancelled while quiesced: the four stuck ones end; the direct loops wait behind the quiesce.
                int asked = ring.CancelAll();
                Assert.True(asked >= 4, $"CancelAll asked {asked}");
                foreach (var t in blocking.Concat(reads))
                {
                    (Ending ending, int value, Exception? error) = await Hostile.Within(t, ring, "a stuck operation after CancelAll");
                    Assert.True(ending == Ending.Cancelled, $"a stuck operation ended {ending} {value}: {error}");
                }

                await Hostile.Until(() => ring.InFlightCount == 0, "the ring empty while quiesced");
                long admitted = counts["asyncsys.ops.submitted"];
                int done = Volatile.Read(ref directDone);
                await Task.Delay(20);
                Assert.Equal(admitted, counts["asyncsys.ops.submitted"]);
                Assert.Equal(done, Volatile.Read(ref directDone));

                // Reopened: the direct loops go on.
                quiesce.Dispose();
                await Hostile.Until(() => Volatile.Read(ref directDone) >= done + 6, "direct reads after the reopening");
                stop.Cancel();
                await Hostile.Within(Task.WhenAll(directLoops), ring, "the direct loops");
                snapping.Cancel();
                await snapper;
                Assert.True(snapshots > 0);
            });
        }
        finally
        {
            File.Delete(path);
        }

        Assert.True(wrong.IsEmpty, string.Join("\n", wrong.Take(10)));
        ledger.AssertEachEndedOnce();
        Assert.Equal(0, ring.InFlightCount);
        // Every listed tag belonged to an operation that ended (the ledger saw each end once).
        Assert.Contains("pipe-0", seenTags.Keys);
        Assert.Equal(ledger.Started, (int)counts["asyncsys.ops.submitted"]);
        Assert.Equal(counts["asyncsys.ops.submitted"], counts["asyncsys.ops.completed"] + counts["asyncsys.ops.cancelled"] + counts["asyncsys.ops.failed"]);
        Assert.True(counts["asyncsys.ops.cancelled"] >= 4, $"cancelled {counts["asyncsys.ops.cancelled"]}");
        Assert.Equal(ledger[Ending.Cancelled], counts["asyncsys.ops.cancelled"]);
        Assert.Equal(ledger[Ending.Result], counts["asyncsys.ops.completed"]);
    }

    [Theory]
    [MemberData(nameof(DeliveryModes.Matrix), MemberType = typeof(DeliveryModes))]
    public async Task A_quiesce_waiting_on_a_stuck_blocking_call_racing_Dispose_CancelAll_and_a_second_quiesce_ends_and_abandons_nothing(IoBackend backend, DeliveryMode mode)
    {
        const int Size = 256 * 1024;
        byte[] content = Sys.DirectPatternBytes(8 * Size, 12);
        string path = Path.Combine(Path.GetTempPath(), "asyncsys-r8-" + Guid.NewGuid().ToString("N"));
        File.WriteAllBytes(path, content);
        BlockingCall<Blocked> site = static (ref Blocked b) => ReadOne(ref b);
        var ledger = new Ledger();
        var wrong = new ConcurrentQueue<string>();

        try
        {
            for (int round = 0; round < Hostile.Rounds(3, 30); round++)
            {
                IoRing ring = Hostile.Create(backend, mode);
                using var stuck = new RawPipe();
                using DirectFileHandle direct = DirectFileHandle.Open(path, OpenFlags.ReadOnly);
                try
                {
                    await Hostile.Run(ring, mode, async () =>
                    {
                        Task<(Ending, int, Exception?)> blocked = ledger.Track(async () => (int)(await ring.RunBlockingAsync(new Blocked { Fd = stuck.Read }, site, Interrupt)).ThrowIfFailed("read"), "stuck blocking read");
                        Task[] loops = Enumerable.Range(0, 3).Select(l => Task.Run(async () =>
                        {
                            using IMemoryOwner<byte> buffer = AlignedBufferPool.Shared.Rent(Size);
                            for (int i = 0; ; i++)
                            {
                                int slot = (i + l) % 8;
                                var outcome = await ledger.Track(() => ring.ReadAsync(direct, buffer.Memory, (long)slot * Size), "direct read");
                                if (outcome.Ending == Ending.Disposed)
                                {
                                    return;
                                }

                                if (outcome.Ending == Ending.Result && !buffer.Memory.Span.SequenceEqual(content.AsSpan(slot * Size, Size)))
                                {
                                    wrong.Enqueue($"direct read {l}/{i}: not the file's bytes");
                                }
                            }
                        })).ToArray();
                        await Hostile.Until(() => ring.GetInFlightOperations().Any(o => o.Operation == RingOp.None), "the blocking call listed");

                        // A quiesce that could wait for ever on the blocking call.
                        Task<QuiesceResult> quiesce = ring.QuiesceAsync(Timeout.InfiniteTimeSpan).AsTask();
                        using var barrier = new Barrier(3);
                        Task Party(Action action) => Task.Factory.StartNew(() =>
                        {
                            barrier.SignalAndWait();
                            action();
                        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

                        Exception? second = null;
                        Task[] parties =
                        {
                            Party(ring.Dispose),
                            Party(() =>
                            {
                                try
                                {
                                    ring.CancelAll();
                                }
                                catch (ObjectDisposedException)
                                {
                                    // Documented: CancelAll on a disposed ring (Dispose won the race).
                                }
                            }),
                            Party(() =>
                            {
                                try
                                {
                                    ring.QuiesceAsync(TimeSpan.FromMilliseconds(1)).AsTask().GetAwaiter().GetResult().Dispose();
                                    second = new InvalidOperationException("a second quiesce was admitted while the first was in progress");
                                }
                                catch (InvalidOperationException e) when (e.Message.Contains("quiesced", StringComparison.OrdinalIgnoreCase))
                                {
                                }
                                catch (ObjectDisposedException)
                                {
                                }
                            }),
                        };
                        await Hostile.Within(Task.WhenAll(parties), ring, "Dispose, CancelAll and a second quiesce");
                        if (second is not null)
                        {
                            wrong.Enqueue(second.Message);
                        }

                        try
                        {
                            QuiesceResult result = await Hostile.Within(quiesce, ring, "the quiesce after Dispose");
                            result.Dispose();
                        }
                        catch (ObjectDisposedException)
                        {
                        }

                        var ending = await Hostile.Within(blocked, ring, "the stuck blocking call after Dispose");
                        if (ending.Item1 is not (Ending.Disposed or Ending.Cancelled))
                        {
                            wrong.Enqueue($"the stuck blocking call ended {ending.Item1}: {ending.Item3}");
                        }

                        await Hostile.Within(Task.WhenAll(loops), ring, "the direct loops after Dispose");
                    });
                }
                finally
                {
                    ring.Dispose();
                }

                Assert.Empty(ring.Abandoned);
                Assert.Equal(0, ring.InFlightCount);
            }
        }
        finally
        {
            File.Delete(path);
        }

        Assert.True(wrong.IsEmpty, string.Join("\n", wrong.Take(10)));
        ledger.AssertEachEndedOnce();
    }

    [Theory]
    [MemberData(nameof(DeliveryModes.Matrix), MemberType = typeof(DeliveryModes))]
    public async Task The_checkpoint_contract_holds_every_write_acknowledged_before_the_quiesce_is_durable_and_nothing_is_admitted_until_reopening(IoBackend backend, DeliveryMode mode)
    {
        const int Record = 4096, Writers = 4, PerWriter = 48;
        string path = Path.Combine(Path.GetTempPath(), "asyncsys-r8-" + Guid.NewGuid().ToString("N"));
        File.WriteAllBytes(path, Array.Empty<byte>());
        using IoRing ring = Hostile.Create(backend, mode);
        using var counts = new ImmediateAttemptTests.RingCounts(ring.Name);
        var acknowledged = new ConcurrentDictionary<int, bool>();
        var wrong = new ConcurrentQueue<string>();
        int started = 0;

        try
        {
            using DirectFileHandle direct = DirectFileHandle.Open(path, OpenFlags.ReadWrite);
            using var buffered = File.OpenHandle(path, FileMode.Open, FileAccess.ReadWrite);
            await Hostile.Run(ring, mode, async () =>
            {
                await ring.FallocateAsync(direct, 0, 0, (long)Writers * PerWriter * Record);
                using var quiesceAfter = new SemaphoreSlim(0);
                Task[] writers = Enumerable.Range(0, Writers).Select(w => Task.Run(async () =>
                {
                    using IMemoryOwner<byte> buffer = AlignedBufferPool.Shared.Rent(Record);
                    for (int i = 0; i < PerWriter; i++)
                    {
                        int record = (i * Writers) + w;
                        buffer.Span().Fill((byte)(1 + (record % 250)));
                        Interlocked.Increment(ref started);
                        if (i % 3 == 2)
                        {
                            // Half direct, half buffered with fdatasync: both are how engines write.
                            await ring.WriteAsync(buffered, buffer.Memory, (long)record * Record);
                            await ring.FdatasyncAsync(buffered);
                        }
                        else
                        {
                            await ring.WriteAsync(direct, buffer.Memory, (long)record * Record);
                        }

                        if (!acknowledged.TryAdd(record, true))
                        {
                            wrong.Enqueue($"record {record} acknowledged twice");
                        }

                        if (i == PerWriter / 3)
                        {
                            quiesceAfter.Release();
                        }
                    }
                })).ToArray();

                for (int w = 0; w < Writers; w++)
                {
                    await Hostile.Within(quiesceAfter.WaitAsync(), ring, "writers a third of the way");
                }

                QuiesceResult quiesce = await ring.QuiesceAsync(TimeSpan.FromSeconds(20));
                Assert.True(quiesce.Drained, $"writes and fdatasyncs did not drain: {Hostile.Describe(ring)}");
                int[] before = acknowledged.Keys.ToArray();
                long admitted = counts["asyncsys.ops.submitted"];

                // The checkpoint: made durable by the checkpointer itself (the ring admits nothing now).
                Assert.Equal(0, Sys.ErrnoOf(Sys.fsync((int)buffered.DangerousGetHandle())));
                byte[] image = File.ReadAllBytes(path);
                foreach (int record in before)
                {
                    Assert.True(image.AsSpan(record * Record, Record).IndexOfAnyExcept((byte)(1 + (record % 250))) < 0, $"record {record} was acknowledged before the quiesce and is not in the checkpoint");
                }

                await Task.Delay(20);
                Assert.Equal(admitted, counts["asyncsys.ops.submitted"]);
                // A write can be acknowledged after the quiesce returned (its continuation ran late), but it completed
                // before the drain, so it is in the checkpoint too.
                foreach (int record in acknowledged.Keys)
                {
                    Assert.True(image.AsSpan(record * Record, Record).IndexOfAnyExcept((byte)(1 + (record % 250))) < 0, $"record {record}, acknowledged while quiesced, is not in the checkpoint");
                }
                Assert.True(File.ReadAllBytes(path).AsSpan().SequenceEqual(image), "the file changed between the quiesce and the reopening");
                Assert.Equal(0, ring.InFlightCount);

                await quiesce.DisposeAsync();
                await Hostile.Within(Task.WhenAll(writers), ring, "the writers after the reopening");
            });

            Assert.True(wrong.IsEmpty, string.Join("\n", wrong.Take(10)));
            Assert.Equal(Writers * PerWriter, acknowledged.Count);
            byte[] final = File.ReadAllBytes(path);
            for (int record = 0; record < Writers * PerWriter; record++)
            {
                Assert.True(final.AsSpan(record * Record, Record).IndexOfAnyExcept((byte)(1 + (record % 250))) < 0, $"record {record} is not in the file");
            }

            Assert.Equal(counts["asyncsys.ops.submitted"], counts["asyncsys.ops.completed"]);
            Assert.Equal(0, ring.InFlightCount);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
