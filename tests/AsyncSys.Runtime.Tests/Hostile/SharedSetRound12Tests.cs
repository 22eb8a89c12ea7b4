using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace AsyncSys.Runtime.Tests.Hostile;

/// <summary>
/// Round 12: the set of rings behind one <see cref="IoRing"/> (docs/performance.md "IoRing.Shared: one ring per two
/// processors": a submitting thread uses the ring of the processor it runs on; the object answers for the whole set).
/// Submitters whose CPU affinity changes between submit and completion, thousands of short-lived threads that each
/// submit once and exit before the completion, <c>CancelAll</c> and quiesces over the set racing 8 submitting threads,
/// and the set's metrics adding up. In the test host on a private set (<c>Rings = 2</c>); <see cref="IoRing.Shared"/>
/// itself only in a child process (its cancels and quiesces reach every user of the process), made to see 4 processors
/// (<c>DOTNET_PROCESSOR_COUNT=4</c>) so that it is a set of two rings on this 2-core machine.
/// </summary>
public sealed class SharedSetRound12Tests
{
    public static TheoryData<IoBackend, DeliveryMode> Matrix => DeliveryModes.Matrix;

    public static TheoryData<IoBackend> Backends => new() { IoBackend.IoUring, IoBackend.LinuxAio, IoBackend.Workers };

    private static IoRing Set(IoBackend backend, DeliveryMode mode) => Hostile.Create(backend, mode, o => o.Rings = 2, capacity: 512);

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task Submissions_from_threads_that_move_to_another_processor_before_the_completion_end_once_with_their_bytes(IoBackend backend, DeliveryMode mode)
    {
        using IoRing ring = Set(backend, mode);
        await Hostile.Run(ring, mode, () => AffinityScenario(ring, Hostile.Rounds(25, 250)));
        await Hostile.Until(() => ring.InFlightCount == 0, "nothing in flight");
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task Thousands_of_short_lived_threads_each_submitting_once_then_exiting_before_the_completion_leave_nothing(IoBackend backend, DeliveryMode mode)
    {
        using IoRing ring = Set(backend, mode);
        await Hostile.Run(ring, mode, () => ShortLivedThreadsScenario(ring, Hostile.Rounds(1000, 5000)));
        await Hostile.Until(() => ring.InFlightCount == 0, "nothing in flight");
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task CancelAll_and_quiesces_over_the_set_racing_8_submitting_threads_end_every_operation_once_and_the_metrics_add_up(IoBackend backend, DeliveryMode mode)
    {
        using IoRing ring = Set(backend, mode);
        using var meter = new RingMeter(ring.Name);
        using var gauge = new InFlightGauge(ring.Name);
        await Hostile.Run(ring, mode, () => RaceScenario(ring, meter, gauge, Hostile.Rounds(60, 600)));
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public async Task The_shared_set_in_a_child_process_takes_moving_threads_short_lived_threads_and_racing_control_calls(IoBackend backend)
    {
        string name = backend switch
        {
            IoBackend.IoUring => "io_uring",
            IoBackend.LinuxAio => "aio",
            _ => "workers",
        };
        var run = await Child.Run($"r12:shared:{backend}", 240, ("DOTNET_PROCESSOR_COUNT", "4"), ("ASYNCSYS_BACKEND", name));
        Child.AssertPassed(run, $"the shared set on {backend}");
    }

    /// <summary>The child: every scenario on <see cref="IoRing.Shared"/>, then the process's descriptors and threads.</summary>
    internal static int SharedChild(IoBackend backend)
    {
        IoRing ring = IoRing.Shared;
        Console.WriteLine($"shared: {ring.BackendDescription}, capacity {ring.Capacity}, processors {Environment.ProcessorCount}");
        Child.Expect(ring.Backend == backend, $"backend {ring.Backend}");
        Child.Expect(ring.BackendDescription.EndsWith("2 rings", StringComparison.Ordinal), "a set of two rings (4 processors seen)");

        // Warm up what the scenarios load and start (the pool, the rings' threads, the listeners' assemblies), then
        // count: .NET opens some of its own files lazily (round 5), which is not the ring's doing.
        using var meter = new RingMeter(ring.Name);
        using var gauge = new InFlightGauge(ring.Name);
        Run("warm-up", async () =>
        {
            await AffinityScenario(ring, 2);
            await ShortLivedThreadsScenario(ring, 64);
            await RaceScenario(ring, meter, gauge, 8);
        });
        Dictionary<int, string> before = Sys.Descriptors(Environment.ProcessId);

        // Three passes. The only thing a pass may add is a ring's readiness lane (an eventfd and a thread, created the
        // first time an operation of that ring waits on its workers, as an io_uring read the kernel gave back does),
        // which lives as long as the ring: at most one per ring over all passes, nothing else, no growth per pass.
        for (int pass = 1; pass <= 3; pass++)
        {
            Run($"pass {pass}: moving threads", () => AffinityScenario(ring, 40));
            Run($"pass {pass}: short-lived threads", () => ShortLivedThreadsScenario(ring, 3000));
            Run($"pass {pass}: CancelAll and quiesces racing submitters", () => RaceScenario(ring, meter, gauge, 100));
            Run($"pass {pass}: ring-thread code controlling the other ring", () => RingThreadRound12Tests.CrossRingControl(ring));
            Child.Expect(ring.InFlightCount == 0, $"pass {pass}: in flight {ring.InFlightCount}");
            Dictionary<int, string> now = Sys.Descriptors(Environment.ProcessId);
            List<string> added = Added(before, now);
            Child.Expect(
                added.Count <= 2 && added.All(d => d.EndsWith("anon_inode:[eventfd]", StringComparison.Ordinal)),
                $"pass {pass}: descriptors {before.Count} before, {now.Count} now; new: [{string.Join(", ", added)}], gone: [{string.Join(", ", Added(now, before))}]");
        }
        Console.WriteLine("DONE");
        return 0;

        static List<string> Added(Dictionary<int, string> from, Dictionary<int, string> to) =>
            to.Where(p => !from.TryGetValue(p.Key, out string? was) || was != p.Value).Select(p => $"{p.Key} -> {p.Value}").ToList();

        static void Run(string what, Func<Task> scenario)
        {
            Task task = scenario();
            try
            {
                Child.Expect(task.Wait(Hostile.Bound * 2), $"{what} ended");
            }
            catch (AggregateException e)
            {
                Child.Expect(false, $"{what}: {e.InnerException}");
            }
        }
    }

    /// <summary>
    /// 8 threads of the test's own, each 2 pipes: per round it binds itself to one processor, submits a read (and a nop),
    /// binds itself to the other, then feeds the pipe; every read ends once with its own byte. The thread's mask is put
    /// back before it ends.
    /// </summary>
    private static async Task AffinityScenario(IoRing ring, int rounds)
    {
        var ledger = new Ledger();
        var wrong = new ConcurrentQueue<string>();
        var pipes = Enumerable.Range(0, 8).Select(_ => new RawPipe()).ToArray();
        try
        {
            await Round12.StartThreads(8, "r12-moving", index =>
            {
                ulong original = Sys.ThreadAffinity();
                ulong[] cpus = Sys.Cpus(original);
                RawPipe pipe = pipes[index];
                var buffer = new byte[1];
                try
                {
                    for (int round = 0; round < rounds; round++)
                    {
                        Sys.SetThreadAffinity(cpus[(index + round) % cpus.Length]);
                        byte value = (byte)(round + 1);
                        Task<(Ending Ending, int Value, Exception? Error)> read = ledger.Track(() => ring.ReadAsync(pipe.Read, buffer), $"read {index}/{round}");
                        Task<(Ending Ending, int Value, Exception? Error)> nop = ledger.Track(() => ring.NopAsync(), $"nop {index}/{round}");
                        Sys.SetThreadAffinity(cpus[(index + round + 1) % cpus.Length]);
                        Thread.Yield();
                        pipe.Put(value);
                        if (!Round12.WaitSync(Task.WhenAll(read, nop), Hostile.Bound))
                        {
                            wrong.Enqueue($"thread {index} round {round}: read or nop never ended; in flight: {Hostile.Describe(ring)}");
                            return;
                        }

                        if (read.Result.Ending != Ending.Result || read.Result.Value != 1 || buffer[0] != value || nop.Result.Ending != Ending.Result)
                        {
                            wrong.Enqueue($"thread {index} round {round}: read {read.Result.Ending} {read.Result.Value} byte {buffer[0]} (wrote {value}), nop {nop.Result.Ending} {nop.Result.Error?.Message}");
                        }
                    }
                }
                finally
                {
                    Sys.SetThreadAffinity(original);
                }
            });

            Assert.True(wrong.IsEmpty, string.Join("\n", wrong.Take(10)));
            ledger.AssertEachEndedOnce();
            Assert.Equal(16 * rounds, ledger[Ending.Result]);
            Assert.All(pipes, p => Assert.Equal(0, p.Pending));
        }
        finally
        {
            foreach (RawPipe p in pipes)
            {
                p.Dispose();
            }
        }
    }

    /// <summary>
    /// <paramref name="count"/> threads, at most 64 alive at once, each submits one read and exits before anything is
    /// written: three in four read one of 64 pipes, the fourth one of 16 other pipes with a token they share. Then every
    /// pipe of the first kind gets one byte per read, and the token is cancelled: each read ends once, with its pipe's
    /// byte or cancelled (no read left armed on the other pipes: a byte written afterwards stays), no thread of those is
    /// left, and no descriptor of the pipes (a duplicate a parked read holds) outlives the reads.
    /// </summary>
    private static async Task ShortLivedThreadsScenario(IoRing ring, int count)
    {
        const int Pipes = 64, TokenPipes = 16;
        var ledger = new Ledger();
        var pipes = Enumerable.Range(0, Pipes).Select(_ => new RawPipe()).ToArray();
        var tokenPipes = Enumerable.Range(0, TokenPipes).Select(_ => new RawPipe()).ToArray();
        using var cts = new CancellationTokenSource();
        var buffers = new byte[count][];
        var reads = new Task<(Ending Ending, int Value, Exception? Error)>[count];
        static bool WithToken(int n) => n % 4 == 3;
        try
        {
            var ours = new HashSet<string>(pipes.Concat(tokenPipes).SelectMany(p => new[] { Sys.LinkOf(p.Read), Sys.LinkOf(p.Write) }));
            int before = Sys.DescriptorsPointingTo(ours);
            for (int start = 0; start < count; start += Pipes)
            {
                int batch = Math.Min(Pipes, count - start);
                int first = start;
                await Round12.StartThreads(batch, "r12-short", i =>
                {
                    int n = first + i;
                    buffers[n] = new byte[1];
                    reads[n] = WithToken(n)
                        ? ledger.Track(() => ring.ReadAsync(tokenPipes[n % TokenPipes].Read, buffers[n], cts.Token), $"read {n} with the token")
                        : ledger.Track(() => ring.ReadAsync(pipes[n % Pipes].Read, buffers[n]), $"read {n}");
                });
            }

            // Every thread has ended (their tasks are done); none is left running.
            await Hostile.Until(() => !Sys.ThreadNames().Contains("r12-short"), "the short-lived threads gone");
            for (int p = 0; p < Pipes; p++)
            {
                int readers = Enumerable.Range(0, count).Count(n => !WithToken(n) && n % Pipes == p);
                pipes[p].Put(Enumerable.Repeat((byte)(p + 1), readers).ToArray());
            }

            cts.Cancel();
            await Hostile.Within(Task.WhenAll(reads), ring, $"{count} reads submitted by threads that have ended");
            ledger.AssertEachEndedOnce();
            for (int n = 0; n < count; n++)
            {
                bool right = WithToken(n)
                    ? reads[n].Result.Ending == Ending.Cancelled
                    : reads[n].Result.Ending == Ending.Result && reads[n].Result.Value == 1 && buffers[n][0] == (byte)(n % Pipes + 1);
                Assert.True(right, $"read {n} (token: {WithToken(n)}): {reads[n].Result.Ending} {reads[n].Result.Value} byte {buffers[n][0]}");
            }

            Assert.All(pipes, p => Assert.Equal(0, p.Pending));
            foreach (RawPipe p in tokenPipes)
            {
                p.Put(9);
            }

            await Task.Delay(20);
            Assert.All(tokenPipes, p => Assert.Equal(1, p.Pending));
            await Hostile.Until(() => Sys.DescriptorsPointingTo(ours) == before, $"the descriptors of the pipes back to {before} (now {Sys.DescriptorsPointingTo(ours)})");
        }
        finally
        {
            foreach (RawPipe p in pipes.Concat(tokenPipes))
            {
                p.Dispose();
            }
        }
    }

    /// <summary>
    /// 8 threads submit (reads of their own pipes, half of them fed; nops; 1 h delays) while a thread loops
    /// <c>CancelAll</c>, another quiesces the set for a moment and reopens it, another lists what is in flight; then
    /// everything left is cancelled. Every operation ends once, no byte is lost (written = taken by a read + still in
    /// the pipe), nothing is in flight, and the set's counters add up: submitted = started = completed + cancelled,
    /// failed 0, completed = the results, and the in-flight gauge reports once for the set, 0.
    /// </summary>
    private static async Task RaceScenario(IoRing ring, RingMeter meter, InFlightGauge gauge, int rounds)
    {
        long submittedBefore = meter["asyncsys.ops.submitted"], completedBefore = meter["asyncsys.ops.completed"];
        long cancelledBefore = meter["asyncsys.ops.cancelled"], failedBefore = meter["asyncsys.ops.failed"];
        var ledger = new Ledger();
        var pipes = Enumerable.Range(0, 8).Select(_ => new RawPipe()).ToArray();
        var written = new int[8];
        var taken = new int[8];
        var tasks = new ConcurrentQueue<Task>();
        var wrong = new ConcurrentQueue<string>();
        using var stop = new CancellationTokenSource();
        try
        {
            Task canceller = Round12.StartThreads(1, "r12-cancelall", _ =>
            {
                while (!stop.IsCancellationRequested)
                {
                    ring.CancelAll();
                    Thread.Sleep(1);
                }
            });
            Task quiescer = Task.Run(async () =>
            {
                while (!stop.IsCancellationRequested)
                {
                    QuiesceResult quiesce = await ring.QuiesceAsync(TimeSpan.FromMilliseconds(3));
                    if (!ring.IsQuiesced)
                    {
                        wrong.Enqueue("a quiesce returned with the set open");
                    }

                    quiesce.Dispose();
                    await Task.Delay(2);
                }
            });
            Task lister = Round12.StartThreads(1, "r12-lister", _ =>
            {
                while (!stop.IsCancellationRequested)
                {
                    try
                    {
                        Round4.DistinctListing(ring);
                    }
                    catch (Exception e)
                    {
                        wrong.Enqueue("listing: " + e.Message);
                        return;
                    }

                    Thread.Sleep(1);
                }
            });

            await Round12.StartThreads(8, "r12-submit", index =>
            {
                RawPipe pipe = pipes[index];
                for (int round = 0; round < rounds; round++)
                {
                    switch (round % 4)
                    {
                        case 0:
                        case 1:
                            var buffer = new byte[1];
                            tasks.Enqueue(Count(ledger.Track(() => ring.ReadAsync(pipe.Read, buffer), $"read {index}/{round}"), index, taken));
                            if (round % 4 == 0)
                            {
                                pipe.Put(1);
                                Interlocked.Increment(ref written[index]);
                            }

                            break;
                        case 2:
                            tasks.Enqueue(ledger.Track(() => ring.NopAsync(), $"nop {index}/{round}"));
                            break;
                        default:
                            tasks.Enqueue(ledger.Track(() => ring.DelayAsync(TimeSpan.FromHours(1)), $"delay {index}/{round}"));
                            break;
                    }

                    if (round % 8 == 7)
                    {
                        Thread.Sleep(1);
                    }
                }
            });

            stop.Cancel();
            await Hostile.Within(Task.WhenAll(canceller, quiescer, lister), ring, "the control loops");

            // What is left (idle reads, delays, anything admitted after the last CancelAll) is cancelled now.
            Task all = Task.WhenAll(tasks);
            var clock = System.Diagnostics.Stopwatch.StartNew();
            while (!all.IsCompleted && clock.Elapsed < Hostile.Bound)
            {
                ring.CancelAll();
                await Task.WhenAny(all, Task.Delay(5));
            }

            await Hostile.Within(all, ring, "every operation after the last CancelAll");
            Assert.True(wrong.IsEmpty, string.Join("\n", wrong.Take(10)));
            ledger.AssertEachEndedOnce();
            Assert.Equal(0, ledger[Ending.Errno] + ledger[Ending.Disposed]);
            for (int i = 0; i < 8; i++)
            {
                Assert.True(written[i] == taken[i] + pipes[i].Pending, $"pipe {i}: written {written[i]}, taken by reads {taken[i]}, still there {pipes[i].Pending}");
            }

            await Hostile.Until(() => ring.InFlightCount == 0, "nothing in flight");

            // The counters are measured before an operation ends (docs/quiesce.md), so they are final now.
            long submitted = meter["asyncsys.ops.submitted"] - submittedBefore;
            long completed = meter["asyncsys.ops.completed"] - completedBefore;
            long cancelled = meter["asyncsys.ops.cancelled"] - cancelledBefore;
            long failed = meter["asyncsys.ops.failed"] - failedBefore;
            Assert.True(
                submitted == ledger.Started && completed == ledger[Ending.Result] && cancelled == ledger[Ending.Cancelled] && failed == 0,
                $"set counters: submitted {submitted}, completed {completed}, cancelled {cancelled}, failed {failed}; ledger {ledger}");

            long[] inFlight = gauge.Collect();
            Assert.True(inFlight.Length == 1 && inFlight[0] == 0, $"the in-flight gauge reported [{string.Join(", ", inFlight)}] for the set");
        }
        finally
        {
            stop.Cancel();
            foreach (RawPipe p in pipes)
            {
                p.Dispose();
            }
        }

        static async Task Count(Task<(Ending Ending, int Value, Exception? Error)> read, int index, int[] taken)
        {
            (Ending ending, int value, _) = await read;
            if (ending == Ending.Result)
            {
                Interlocked.Add(ref taken[index], value);
            }
        }
    }
}
