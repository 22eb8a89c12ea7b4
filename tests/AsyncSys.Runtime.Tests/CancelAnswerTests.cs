using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys.Backends.IoUring;
using AsyncSys.Runtime.Tests.Reliability;

namespace AsyncSys.Runtime.Tests;

/// <summary>
/// The kernel's answer to an io_uring cancel request counts: one answered "not found" (ENOENT) or "already running"
/// (EALREADY) while its operation is still in flight is sent again, so a receive on an idle socket or a read of an
/// empty pipe, which nothing else would ever end, still ends cancelled, once (docs/cancellation.md). Every await is
/// bounded: a lost cancel fails the test instead of hanging it.
/// </summary>
public sealed class CancelAnswerTests
{
    private static int _rings;
    private readonly Xunit.Abstractions.ITestOutputHelper _output;

    public CancelAnswerTests(Xunit.Abstractions.ITestOutputHelper output) => _output = output;

    /// <summary>Prints what the kernel answered to this ring's cancels (how often the retry path ran on this kernel).</summary>
    private void ReportAnswers(IoRing ring)
    {
        var backend = (IoUringBackend)ring.RingBackend;
        _output.WriteLine(
            $"cancel answers: ENOENT {Volatile.Read(ref backend.CancelAnswersNotFound)}, EALREADY {Volatile.Read(ref backend.CancelAnswersAlreadyRunning)}; " +
            $"sent again {Volatile.Read(ref backend.CancelRetriesSent)}, bulk follow-ups {Volatile.Read(ref backend.BulkCancelFollowUps)}, given up {Volatile.Read(ref backend.CancelsGivenUp)}");
    }

    [Fact]
    public async Task A_cancel_that_reaches_the_kernel_ahead_of_its_target_is_sent_again_and_ends_it()
    {
        const int reads = 40;
        using var ring = IoRing.Create(new IoRingOptions { Backend = IoBackend.IoUring, Capacity = 64, Name = NextName() });
        Assert.Equal(IoBackend.IoUring, ring.Backend);
        var backend = (IoUringBackend)ring.RingBackend;
        using var counts = new ImmediateAttemptTests.RingCounts(ring.Name);
        using var pipe = new Pipe(); // never written: only a cancel the kernel acts on ends these reads

        // Code on the ring thread holds its submissions until the thread's next pass; a cancel by tag made meanwhile
        // is, with this switch, written ahead of its target, so the kernel really answers ENOENT and the read goes on
        // waiting on the empty pipe. Only a second request ends it.
        backend.CancelsOvertakeHeldEntriesForTests = true;
        int cancelled = 0;
        await ReliabilityAssert.Within(ring.RunOnRingAsync(async () =>
        {
            for (int i = 0; i < reads; i++)
            {
                var tag = new object();
                Task<int> read = ring.SubmitAsync(RingRequest.Read(pipe.ReadFd, new byte[8], -1).WithTag(tag)).AsTask();
                Assert.Equal(1, ring.CancelByTag(tag));
                await Assert.ThrowsAnyAsync<OperationCanceledException>(() => read.WaitAsync(ReliabilityAssert.Bound));
                cancelled++;
            }
        }), "reads whose first cancel overtook them");

        Assert.Equal(reads, cancelled);
        Assert.Equal(0, ring.InFlightCount);
        Assert.True(Volatile.Read(ref backend.CancelAnswersNotFound) >= reads, $"the kernel answered ENOENT {backend.CancelAnswersNotFound} times for {reads} overtaking cancels");
        Assert.True(Volatile.Read(ref backend.CancelRetriesSent) >= reads, $"{backend.CancelRetriesSent} cancels sent again for {reads} reads");
        Assert.Equal(0, Volatile.Read(ref backend.CancelsGivenUp));
        Assert.True(counts["asyncsys.cancels.retried"] >= reads, $"metric asyncsys.cancels.retried = {counts["asyncsys.cancels.retried"]}");
        DeliveryModes.EachEndedOnce(counts, completed: 0, cancelled: reads);
        ReportAnswers(ring);
    }

    [Fact]
    public async Task A_retry_waiting_its_turn_is_dropped_as_soon_as_its_operation_completes_and_the_ring_sleeps_again()
    {
        // A cancel unanswered for long is retried only every SlowRetryGapTurns turns, and while a retry waits the idle
        // ring polls every millisecond. An operation that then completes on its own must take its retry with it: kept
        // until its turn, the retry held the ring to that poll for about a second after the work was gone.
        using var ring = IoRing.Create(new IoRingOptions { Backend = IoBackend.IoUring, Capacity = 64, Name = NextName() });
        Assert.Equal(IoBackend.IoUring, ring.Backend);
        var backend = (IoUringBackend)ring.RingBackend;
        using var counts = new ImmediateAttemptTests.RingCounts(ring.Name);
        using var pipe = new Pipe();
        pipe.Write(new byte[] { 1, 2, 3 }); // the read completes as soon as the kernel sees it, after its overtaking cancel

        backend.CancelsOvertakeHeldEntriesForTests = true;
        int waitingAfter = -1;
        long outcome = 0;
        await ReliabilityAssert.Within(ring.RunOnRingAsync(async () =>
        {
            var tag = new object();
            Task<int> read = ring.SubmitAsync(RingRequest.Read(pipe.ReadFd, new byte[8], -1).WithTag(tag)).AsTask();

            // This occupant's cancel has already gone unanswered MaxCancelRetries times: the next answer starts the slow retries.
            int found = 0;
            ring.Table.ForEachInFlight(tag, (operation, wanted) =>
            {
                if (operation.TryReadIdentity(out ulong id, out _, out object? held) && ReferenceEquals(held, wanted))
                {
                    StartAtSlowRetries(operation, id);
                    found++;
                }
            });
            Assert.Equal(1, found);
            Assert.Equal(1, ring.CancelByTag(tag));
            try
            {
                outcome = await read.WaitAsync(ReliabilityAssert.Bound);
            }
            catch (OperationCanceledException)
            {
                outcome = -1;
            }

            // Whole passes of the ring thread after the one that reaped the read's completion.
            await ring.NopAsync();
            await ring.NopAsync();
            waitingAfter = backend.CancelRetriesWaiting;
        }), "a read whose cancel overtook it, then found its data");

        Assert.True(outcome is 3 or -1, $"the read ended {outcome}");
        Assert.Equal(1, Volatile.Read(ref backend.CancelAnswersNotFound));
        Assert.Equal(1, Volatile.Read(ref backend.CancelsGivenUp)); // event 13's path: the retry went to the slow pace
        Assert.Equal(0, waitingAfter);
        Assert.Equal(0, ring.InFlightCount);
        ReportAnswers(ring);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)] // a kernel without IORING_ASYNC_CANCEL_ALL: CancelAll sends one cancel per operation
    public async Task CancelAll_ends_reads_whose_cancels_overtook_them_with_and_without_the_kernels_bulk_cancel(bool lacksBulkCancel)
    {
        const int reads = 16;
        const int rounds = 4;
        using var ring = IoRing.Create(new IoRingOptions
        {
            Backend = IoBackend.IoUring, Capacity = 64, Name = NextName(), PretendKernelLacksBulkCancel = lacksBulkCancel,
        });
        Assert.Equal(IoBackend.IoUring, ring.Backend);
        var backend = (IoUringBackend)ring.RingBackend;
        using var counts = new ImmediateAttemptTests.RingCounts(ring.Name);
        using var pipe = new Pipe(); // never written

        // Every read's own cancel overtakes it (ENOENT); with the bulk cancel, that request follows them all.
        backend.CancelsOvertakeHeldEntriesForTests = true;
        int cancelled = 0;
        await ReliabilityAssert.Within(ring.RunOnRingAsync(async () =>
        {
            for (int round = 0; round < rounds; round++)
            {
                var pending = new List<Task<int>>(reads);
                for (int i = 0; i < reads; i++)
                {
                    pending.Add(ring.ReadAsync(pipe.ReadFd, new byte[8]).AsTask());
                }

                Assert.Equal(reads, ring.CancelAll());
                foreach (Task<int> read in pending)
                {
                    await Assert.ThrowsAnyAsync<OperationCanceledException>(() => read.WaitAsync(ReliabilityAssert.Bound));
                    cancelled++;
                }
            }
        }), "reads whose cancels overtook them, ended by CancelAll");

        Assert.Equal(reads * rounds, cancelled);
        Assert.Equal(0, ring.InFlightCount);
        DeliveryModes.EachEndedOnce(counts, completed: 0, cancelled: reads * rounds);
        Assert.True(Volatile.Read(ref backend.CancelAnswersNotFound) >= reads * rounds, $"ENOENT answers: {backend.CancelAnswersNotFound}");
        if (lacksBulkCancel)
        {
            // Only the retries end them: nothing else reaches the kernel.
            Assert.True(Volatile.Read(ref backend.CancelRetriesSent) >= reads * rounds, $"{backend.CancelRetriesSent} cancels sent again");
        }

        Assert.Equal(0, Volatile.Read(ref backend.CancelsGivenUp));
        ReportAnswers(ring);
    }

    [Fact]
    public async Task Dispose_while_cancels_wait_to_be_sent_again_ends_every_read_once_and_returns()
    {
        const int reads = 24;
        var ring = IoRing.Create(new IoRingOptions { Backend = IoBackend.IoUring, Capacity = 64, Name = NextName() });
        Assert.Equal(IoBackend.IoUring, ring.Backend);
        var backend = (IoUringBackend)ring.RingBackend;
        using var counts = new ImmediateAttemptTests.RingCounts(ring.Name);
        using var pipe = new Pipe(); // never written
        backend.CancelsOvertakeHeldEntriesForTests = true;
        var pending = new List<Task<int>>(reads);
        var tags = new object[reads];
        await ReliabilityAssert.Within(ring.RunOnRingAsync(() =>
        {
            // Half are cancelled by tag (their cancels overtake them: ENOENT, then retries), half are left waiting.
            for (int i = 0; i < reads; i++)
            {
                tags[i] = new object();
                pending.Add(ring.SubmitAsync(RingRequest.Read(pipe.ReadFd, new byte[8], -1).WithTag(tags[i])).AsTask());
                if (i % 2 == 0)
                {
                    Assert.Equal(1, ring.CancelByTag(tags[i]));
                }
            }

            return Task.CompletedTask;
        }), "submitting the reads");

        // Disposed at once: the answers and retries of those cancels race with the disposal's own cancels.
        await ReliabilityAssert.Within(Task.Run(ring.Dispose), "Dispose with cancel retries pending");
        for (int i = 0; i < reads; i++)
        {
            Exception? error = await Record.ExceptionAsync(() => pending[i].WaitAsync(ReliabilityAssert.Bound));
            Assert.True(error is OperationCanceledException or ObjectDisposedException, $"read {i} ended with {error?.GetType().Name ?? "a value"}: {error?.Message}");
        }

        Assert.Equal(0, counts["asyncsys.ops.failed"]);
        Assert.Equal(0, counts["asyncsys.ops.completed"]);
        Assert.Equal(counts["asyncsys.ops.submitted"], counts["asyncsys.ops.cancelled"]);
        ReportAnswers(ring);
    }

    [Fact]
    public async Task A_ring_that_fails_while_cancels_wait_to_be_sent_again_ends_every_read_once()
    {
        const int reads = 16;
        using var ring = IoRing.Create(new IoRingOptions { Backend = IoBackend.IoUring, Capacity = 64, Name = NextName() });
        Assert.Equal(IoBackend.IoUring, ring.Backend);
        var backend = (IoUringBackend)ring.RingBackend;
        using var counts = new ImmediateAttemptTests.RingCounts(ring.Name);
        using var pipe = new Pipe(); // never written
        backend.CancelsOvertakeHeldEntriesForTests = true;
        var pending = new List<Task<int>>(reads);
        int waiting = 0;
        await ReliabilityAssert.Within(ring.RunOnRingAsync(async () =>
        {
            for (int i = 0; i < reads; i++)
            {
                var tag = new object();
                pending.Add(ring.SubmitAsync(RingRequest.Read(pipe.ReadFd, new byte[8], -1).WithTag(tag)).AsTask());
                Assert.Equal(1, ring.CancelByTag(tag));
            }

            // One pass writes the reads behind their cancels and reaps the kernel's ENOENT answers; the ring then fails
            // before any retry is sent.
            await ring.NopAsync();
            waiting = backend.CancelRetriesWaiting;
            backend.InjectFatalError(Errno.EIO);
        }), "reads whose cancels overtook them");

        for (int i = 0; i < reads; i++)
        {
            Exception? error = await Record.ExceptionAsync(() => pending[i].WaitAsync(ReliabilityAssert.Bound));
            Assert.True(error is OperationCanceledException, $"read {i} ended with {error?.GetType().Name ?? "a value"}: {error?.Message}");
        }

        Assert.True(waiting > 0, "no retry was waiting when the ring failed");
        Assert.Equal(0, ring.InFlightCount);
        Assert.Equal(1, counts["asyncsys.ops.completed"]); // the Nop
        Assert.Equal(reads, counts["asyncsys.ops.cancelled"]);
        Assert.Equal(counts["asyncsys.ops.submitted"], counts["asyncsys.ops.completed"] + counts["asyncsys.ops.cancelled"] + counts["asyncsys.ops.failed"]);
        ReportAnswers(ring);
    }

    private static unsafe void StartAtSlowRetries(Operations.Operation operation, ulong id)
    {
        IoUringOperationScratch* scratch = operation.BackendScratch<IoUringOperationScratch>();
        scratch->CancelRetriesFor = id;
        scratch->CancelRetries = IoUringBackend.MaxCancelRetries;
    }

    [Theory]
    [InlineData(DeliveryMode.PoolTryFirst)]
    [InlineData(DeliveryMode.Pool)]
    [InlineData(DeliveryMode.Inline)]
    public async Task Idle_receives_and_empty_pipe_reads_cancelled_at_random_moments_under_load_each_end_cancelled_once(DeliveryMode mode)
    {
        const int perSubmitter = 150;
        const int submitters = 4;
        using var ring = DeliveryModes.Create(IoBackend.IoUring, mode, capacity: 512);
        Assert.Equal(IoBackend.IoUring, ring.Backend);
        using var counts = new ImmediateAttemptTests.RingCounts(ring.Name);
        var pairs = Enumerable.Range(0, 4).Select(_ => new LoopbackPair()).ToArray();
        var pipes = Enumerable.Range(0, 4).Select(_ => new Pipe()).ToArray();
        try
        {
            using var stopLoad = new CancellationTokenSource();
            long nops = 0;
            Task load = Task.Run(async () =>
            {
                // A second thread keeps the ring busy: submissions and completions interleave with every cancel.
                while (!stopLoad.IsCancellationRequested)
                {
                    await ring.NopAsync();
                    Interlocked.Increment(ref nops);
                }
            });

            int[] outcomes = new int[submitters * perSubmitter];
            await ReliabilityAssert.Within(Task.WhenAll(Enumerable.Range(0, submitters).Select(s => Task.Run(async () =>
            {
                var random = new Random(1000 + s);
                for (int i = 0; i < perSubmitter; i++)
                {
                    int index = s * perSubmitter + i;
                    using var cts = new CancellationTokenSource();
                    int moment = random.Next(5);
                    Task? racingCancel = moment == 0 ? Task.Run(cts.Cancel) : null; // cancelled while (or before) it is submitted
                    Task<int> pending = random.Next(2) == 0
                        ? ring.ReceiveAsync(pairs[random.Next(pairs.Length)].Server.SafeHandle, new byte[16], MessageFlags.None, cts.Token).AsTask()
                        : ring.ReadAsync(pipes[random.Next(pipes.Length)].ReadFd, new byte[16], cts.Token).AsTask();
                    switch (moment)
                    {
                        case 1: // right after submission
                            break;
                        case 2:
                            await Task.Yield();
                            break;
                        case 3:
                            Thread.SpinWait(random.Next(2000));
                            break;
                        case 4: // waiting in the kernel (poll armed)
                            await Task.Delay(random.Next(2));
                            break;
                    }

                    if (racingCancel is null)
                    {
                        cts.Cancel();
                    }
                    else
                    {
                        await racingCancel;
                    }

                    try
                    {
                        int result = await pending.WaitAsync(ReliabilityAssert.Bound);
                        Assert.Fail($"operation {index} (cancelled at moment {moment}) returned {result} from an idle socket or an empty pipe");
                    }
                    catch (OperationCanceledException error)
                    {
                        Assert.Equal(cts.Token, error.CancellationToken);
                        Interlocked.Increment(ref outcomes[index]);
                    }
                }
            }))), "receives and reads cancelled at random moments");

            stopLoad.Cancel();
            await ReliabilityAssert.Within(load, "the Nop load");
            Assert.All(outcomes, count => Assert.Equal(1, count));
            Assert.Equal(0, ring.InFlightCount);
            Assert.True(Interlocked.Read(ref nops) > 0, "the load submitted nothing");

            // Exactly once, by the ring's own counters: every admitted operation ended once (a receive cancelled
            // before it was admitted is never counted), the Nops completed and nothing failed.
            Assert.Equal(0, counts["asyncsys.ops.failed"]);
            Assert.Equal(Interlocked.Read(ref nops), counts["asyncsys.ops.completed"]);
            Assert.Equal(counts["asyncsys.ops.submitted"], counts["asyncsys.ops.completed"] + counts["asyncsys.ops.cancelled"]);
            ReportAnswers(ring);
        }
        finally
        {
            Array.ForEach(pairs, p => p.Dispose());
            Array.ForEach(pipes, p => p.Dispose());
        }
    }

    [Theory]
    [InlineData(DeliveryMode.PoolTryFirst)]
    [InlineData(DeliveryMode.Inline)]
    public async Task WhenAll_over_many_idle_receives_and_reads_with_one_token_ends_with_every_one_cancelled(DeliveryMode mode)
    {
        const int rounds = 10;
        const int perRound = 128;
        using var ring = DeliveryModes.Create(IoBackend.IoUring, mode, capacity: 512);
        Assert.Equal(IoBackend.IoUring, ring.Backend);
        var pairs = Enumerable.Range(0, 8).Select(_ => new LoopbackPair()).ToArray();
        var pipes = Enumerable.Range(0, 8).Select(_ => new Pipe()).ToArray();
        try
        {
            using var stopLoad = new CancellationTokenSource();
            Task load = Task.Run(async () =>
            {
                while (!stopLoad.IsCancellationRequested)
                {
                    await ring.NopAsync();
                }
            });

            var random = new Random(7);
            for (int round = 0; round < rounds; round++)
            {
                using var cts = new CancellationTokenSource();
                var tasks = new List<Task<int>>(perRound);
                int cancelAt = random.Next(perRound + 1); // the token fires while the batch is still being submitted, or after
                for (int i = 0; i < perRound; i++)
                {
                    if (i == cancelAt)
                    {
                        cts.Cancel();
                    }

                    tasks.Add(i % 2 == 0
                        ? ring.ReceiveAsync(pairs[i % pairs.Length].Server.SafeHandle, new byte[8], MessageFlags.None, cts.Token).AsTask()
                        : ring.ReadAsync(pipes[i % pipes.Length].ReadFd, new byte[8], cts.Token).AsTask());
                }

                if (cancelAt == perRound)
                {
                    await DeliveryModes.UntilPending(ring, perRound / 2);
                    cts.Cancel();
                }

                Task all = Task.WhenAll(tasks);
                await Assert.ThrowsAnyAsync<OperationCanceledException>(() => all.WaitAsync(ReliabilityAssert.Bound));
                Assert.All(tasks, t => Assert.True(t.IsCanceled, $"a task ended {t.Status} ({t.Exception?.InnerException?.Message})"));
            }

            stopLoad.Cancel();
            await ReliabilityAssert.Within(load, "the Nop load");
            Assert.Equal(0, ring.InFlightCount);
            ReportAnswers(ring);
        }
        finally
        {
            Array.ForEach(pairs, p => p.Dispose());
            Array.ForEach(pipes, p => p.Dispose());
        }
    }

    [Fact]
    public async Task Splices_that_io_wq_is_running_end_cancelled_once_whichever_answer_comes_first()
    {
        // io-wq runs a splice, which waits in the kernel on an empty pipe: a cancel finds it running (EALREADY) and
        // interrupts it, so the cancel's answer and the splice's own completion (EINTR) come in either order.
        const int splices = 40;
        using var ring = IoRing.Create(new IoRingOptions { Backend = IoBackend.IoUring, Capacity = 64, Name = NextName() });
        Assert.Equal(IoBackend.IoUring, ring.Backend);
        using var counts = new ImmediateAttemptTests.RingCounts(ring.Name);
        using var from = new Pipe(); // never written
        using var to = new Pipe();
        for (int i = 0; i < splices; i++)
        {
            using var cts = new CancellationTokenSource();
            Task<int> splice = ring.SubmitAsync(RingRequest.Splice(from.ReadFd, -1, to.WriteFd, -1, 4096, 0), cts.Token).AsTask();
            if (i % 2 == 0)
            {
                await DeliveryModes.UntilPending(ring);
                await Task.Delay(i % 3);
            }

            cts.Cancel();
            OperationCanceledException error = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => splice.WaitAsync(ReliabilityAssert.Bound));
            Assert.Equal(cts.Token, error.CancellationToken);
        }

        Assert.Equal(0, ring.InFlightCount);
        DeliveryModes.EachEndedOnce(counts, completed: 0, cancelled: splices);
        ReportAnswers(ring);
    }

    private static string NextName() => $"cancel-answers-{Interlocked.Increment(ref _rings)}";
}
