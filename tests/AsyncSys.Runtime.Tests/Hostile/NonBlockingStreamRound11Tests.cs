using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace AsyncSys.Runtime.Tests.Hostile;

/// <summary>
/// Round 11, part A (a known fault, test first): docs/declaring-wrappers.md promises that a ring read, write, readv or
/// writev waits until its descriptor is ready also when the descriptor is O_NONBLOCK. Several reads (or writes) waiting
/// on one non-blocking pipe, socket or eventfd: poll calls the descriptor ready for all of them and one takes the byte;
/// the others must wait again, never end with EAGAIN (round 10's "Left": 2-4 of 12 cases did, io_uring included).
/// </summary>
public sealed class NonBlockingStreamRound11Tests
{
    public enum Source
    {
        Pipe,
        PipeVectored,
        SocketPair,
    }

    public static TheoryData<IoBackend, DeliveryMode, Source> Sources
    {
        get
        {
            var cases = new TheoryData<IoBackend, DeliveryMode, Source>();
            foreach (object[] row in DeliveryModes.Matrix)
            {
                foreach (Source source in Enum.GetValues<Source>())
                {
                    cases.Add((IoBackend)row[0], (DeliveryMode)row[1], source);
                }
            }

            return cases;
        }
    }

    [Theory]
    [MemberData(nameof(Sources))]
    public async Task Round11_four_reads_on_one_non_blocking_stream_share_single_bytes_and_never_end_EAGAIN(IoBackend backend, DeliveryMode mode, Source source)
    {
        const int Bytes = 250;
        using IoRing ring = Hostile.Create(backend, mode);
        using var counts = new ImmediateAttemptTests.RingCounts(ring.Name);
        (int readFd, int writeFd) = source == Source.SocketPair ? Sys.SocketPair() : Sys.Pipe();
        Sys.SetNonBlocking(readFd, true);
        var chunks = new ConcurrentQueue<byte[]>();
        var zeros = new int[4];
        int calls = 0;
        try
        {
            await Hostile.Run(ring, mode, async () =>
            {
                Task[] loops = Enumerable.Range(0, 4).Select(Loop).ToArray();
                await Hostile.UntilPending(ring, 4);
                await Task.Factory.StartNew(
                    () =>
                    {
                        for (int i = 0; i < Bytes; i++)
                        {
                            Sys.WriteAll(writeFd, new[] { (byte)i });
                            if (i % 3 == 0)
                            {
                                Thread.Yield();
                            }
                        }

                        // End of stream: every loop's next read returns 0 (a socket pair: shut for writing).
                        Sys.Check(Sys.close(writeFd), "close");
                        writeFd = -1;
                    },
                    CancellationToken.None,
                    TaskCreationOptions.LongRunning,
                    TaskScheduler.Default);
                await Hostile.Within(Task.WhenAll(loops), ring, $"the four read loops ({source})");
            });
        }
        finally
        {
            Sys.close(readFd);
            if (writeFd >= 0)
            {
                Sys.close(writeFd);
            }
        }

        Assert.Equal(new[] { 1, 1, 1, 1 }, zeros);
        Assert.Equal(Enumerable.Range(0, Bytes).Select(i => (byte)i), chunks.SelectMany(c => c).OrderBy(b => b));
        Assert.Equal(0, ring.InFlightCount);
        DeliveryModes.EachEndedOnce(counts, completed: Volatile.Read(ref calls));

        async Task Loop(int index)
        {
            var buffer = new byte[4096];
            while (true)
            {
                Interlocked.Increment(ref calls);
                int n = source == Source.PipeVectored
                    ? await ring.ReadAsync(readFd, new Memory<byte>[] { buffer.AsMemory(0, 1), buffer.AsMemory(1) })
                    : await ring.ReadAsync(readFd, buffer);
                if (n == 0)
                {
                    Interlocked.Increment(ref zeros[index]);
                    return;
                }

                chunks.Enqueue(buffer.AsSpan(0, n).ToArray());
            }
        }
    }

    [Theory]
    [MemberData(nameof(DeliveryModes.Matrix), MemberType = typeof(DeliveryModes))]
    public async Task Round11_four_reads_on_one_non_blocking_eventfd_each_take_whole_counts_and_never_end_EAGAIN(IoBackend backend, DeliveryMode mode)
    {
        const int Adds = 200;
        using IoRing ring = Hostile.Create(backend, mode);
        using var counts = new ImmediateAttemptTests.RingCounts(ring.Name);
        int efd = Sys.Check(Sys.eventfd(0, Sys.EFD_CLOEXEC | Sys.O_NONBLOCK), "eventfd");
        long taken = 0;
        int completed = 0;
        using var stop = new CancellationTokenSource();
        var cancelled = new int[4];
        try
        {
            await Hostile.Run(ring, mode, async () =>
            {
                Task[] loops = Enumerable.Range(0, 4).Select(Loop).ToArray();
                await Hostile.UntilPending(ring, 4);
                await Task.Factory.StartNew(
                    () =>
                    {
                        for (int i = 0; i < Adds; i++)
                        {
                            Sys.WriteAll(efd, BitConverter.GetBytes(1UL));
                            if (i % 3 == 0)
                            {
                                Thread.Yield();
                            }
                        }
                    },
                    CancellationToken.None,
                    TaskCreationOptions.LongRunning,
                    TaskScheduler.Default);
                await Hostile.Until(() => Interlocked.Read(ref taken) == Adds, $"the reads took all {Adds} (took {Interlocked.Read(ref taken)})");
                stop.Cancel();
                await Hostile.Within(Task.WhenAll(loops), ring, "the four eventfd read loops");
            });
        }
        finally
        {
            Sys.close(efd);
        }

        Assert.Equal(new[] { 1, 1, 1, 1 }, cancelled);
        Assert.Equal(0, ring.InFlightCount);
        DeliveryModes.EachEndedOnce(counts, completed: completed, cancelled: 4);

        async Task Loop(int index)
        {
            var buffer = new byte[8];
            while (true)
            {
                int n;
                try
                {
                    n = await ring.ReadAsync(efd, buffer, stop.Token);
                }
                catch (OperationCanceledException)
                {
                    Interlocked.Increment(ref cancelled[index]);
                    return;
                }

                Assert.Equal(8, n);
                Interlocked.Increment(ref completed);
                Interlocked.Add(ref taken, (long)BitConverter.ToUInt64(buffer));
            }
        }
    }

    [Theory]
    [MemberData(nameof(Sources))]
    public async Task Round11_four_writes_into_one_full_non_blocking_stream_each_move_their_byte_and_never_end_EAGAIN(IoBackend backend, DeliveryMode mode, Source source)
    {
        const int PerLoop = 60;
        using IoRing ring = Hostile.Create(backend, mode);
        using var counts = new ImmediateAttemptTests.RingCounts(ring.Name);
        (int readFd, int writeFd) = source == Source.SocketPair ? Sys.SocketPair() : Sys.Pipe();
        Sys.SetNonBlocking(writeFd, true);
        int filled = Sys.FillNonBlocking(writeFd); // a non-blocking write takes what fits, then EAGAIN
        var sum = new int[4];
        int drained = 0;
        try
        {
            await Hostile.Run(ring, mode, async () =>
            {
                Task[] loops = Enumerable.Range(0, 4).Select(Loop).ToArray();
                await Hostile.UntilPending(ring, 4);
                await Task.Factory.StartNew(
                    () =>
                    {
                        // Small reads, so room comes a little at a time, to all four writers at once.
                        drained = Sys.Drain(readFd, filled + (4 * PerLoop), 3);
                    },
                    CancellationToken.None,
                    TaskCreationOptions.LongRunning,
                    TaskScheduler.Default);
                await Hostile.Within(Task.WhenAll(loops), ring, $"the four write loops ({source})");
            });
        }
        finally
        {
            Sys.close(readFd);
            Sys.close(writeFd);
        }

        Assert.Equal(Enumerable.Repeat(PerLoop, 4), sum);
        Assert.Equal(filled + (4 * PerLoop), drained);
        Assert.Equal(0, ring.InFlightCount);
        DeliveryModes.EachEndedOnce(counts, completed: 4 * PerLoop);

        async Task Loop(int index)
        {
            var one = new byte[] { (byte)index };
            for (int i = 0; i < PerLoop; i++)
            {
                int n = source == Source.PipeVectored
                    ? await ring.WriteAtMostAsync(writeFd, new ReadOnlyMemory<byte>[] { ReadOnlyMemory<byte>.Empty, one }, 0)
                    : await ring.WriteAtMostAsync(writeFd, one);
                Assert.Equal(1, n);
                sum[index] += n;
            }
        }
    }

    [Theory]
    [MemberData(nameof(Sources))]
    public async Task Round11_reads_on_a_non_blocking_stream_ended_by_tokens_CancelAll_CancelByFd_and_deadlines_end_once_and_lose_no_byte(IoBackend backend, DeliveryMode mode, Source source)
    {
        int rounds = Hostile.Rounds(40, 400);
        using IoRing ring = Hostile.Create(backend, mode);
        using var counts = new ImmediateAttemptTests.RingCounts(ring.Name);
        (int readFd, int writeFd) = source == Source.SocketPair ? Sys.SocketPair() : Sys.Pipe();
        Sys.SetNonBlocking(readFd, true);
        int written = 0, read = 0, completed = 0, cancelled = 0, timedOut = 0;
        var errors = new ConcurrentQueue<string>();
        try
        {
            await Hostile.Run(ring, mode, async () =>
            {
                for (int round = 0; round < rounds; round++)
                {
                    using var token = new CancellationTokenSource();
                    var reads = new List<Task>();
                    for (int i = 0; i < 4; i++)
                    {
                        reads.Add(One(i, round, token.Token));
                    }

                    // Bytes a cancelled round left in the stream may end this round's reads at once: then none waits.
                    await Hostile.Until(() => reads.All(t => t.IsCompleted) || ring.InFlightCount > 0, "a read waits or all ended");

                    // Two bytes for four readers, then whichever ender this round has.
                    Sys.WriteAll(writeFd, new byte[] { 1, 2 });
                    written += 2;
                    switch (round % 4)
                    {
                        case 0:
                            token.Cancel();
                            break;
                        case 1:
                            ring.CancelAll();
                            break;
                        case 2:
                            ring.CancelByFd(readFd);
                            break;
                        default:
                            break; // the reads' own 2 ms deadlines
                    }

                    await Hostile.Within(Task.WhenAll(reads), ring, $"round {round}'s reads");
                }
            });
        }
        finally
        {
            read += Sys.Take(readFd, 1 << 16).Length;
            Sys.close(readFd);
            Sys.close(writeFd);
        }

        Assert.True(errors.IsEmpty, string.Join("\n", errors));
        Assert.Equal(written, read);
        Assert.Equal(0, ring.InFlightCount);
        DeliveryModes.EachEndedOnce(counts, completed: completed, cancelled: cancelled, failed: timedOut);

        async Task One(int index, int round, CancellationToken token)
        {
            var buffer = new byte[1 + index];
            try
            {
                int n = round % 4 == 3
                    ? await ring.SubmitAsync(
                        (source == Source.PipeVectored
                            ? RingRequest.ReadV(readFd, new Memory<byte>[] { buffer }, 0)
                            : RingRequest.Read(readFd, buffer, 0)).WithTimeout(TimeSpan.FromMilliseconds(2)),
                        token)
                    : source == Source.PipeVectored
                        ? await ring.ReadAsync(readFd, new Memory<byte>[] { buffer }, token)
                        : await ring.ReadAsync(readFd, buffer, token);
                Assert.True(n > 0, $"a read returned {n}");
                Interlocked.Add(ref read, n);
                Interlocked.Increment(ref completed);
            }
            catch (OperationCanceledException)
            {
                Interlocked.Increment(ref cancelled);
            }
            catch (ErrnoException e) when (e.Errno == Errno.ETIME)
            {
                Interlocked.Increment(ref timedOut);
            }
            catch (ErrnoException e)
            {
                errors.Enqueue($"round {round} read {index}: {e.Message}");
                Interlocked.Increment(ref timedOut); // counted failed by the ring
            }
        }
    }

    [Theory]
    [MemberData(nameof(DeliveryModes.Matrix), MemberType = typeof(DeliveryModes))]
    public async Task Round11_a_read_poll_calls_ready_for_ever_while_the_call_refuses_answers_at_once_and_never_spins(IoBackend backend, DeliveryMode mode)
    {
        // A connected non-blocking UDP socket shut for reading: poll says readable for ever, read(2) answers EAGAIN. The
        // wait again after EAGAIN is bounded: the read answers at once (0 or EAGAIN), never its 3 s deadline (ETIME).
        using IoRing ring = Hostile.Create(backend, mode);
        int shut = Sys.Udp();
        try
        {
            Sys.SetNonBlocking(shut, true);
            Sys.Connect(shut, Sys.SockName(shut));
            Sys.Check(Sys.shutdown(shut, 0), "shutdown(SHUT_RD)");
            await Hostile.Run(ring, mode, async () =>
            {
                foreach (bool vectored in new[] { false, true })
                {
                    var buffer = new byte[16];
                    RingRequest request = (vectored ? RingRequest.ReadV(shut, new Memory<byte>[] { buffer }, 0) : RingRequest.Read(shut, buffer, 0))
                        .WithTimeout(TimeSpan.FromSeconds(3));
                    string answer;
                    try
                    {
                        answer = $"{await Hostile.Within(ring.SubmitAsync(request).AsTask(), ring, "a read after SHUT_RD")}";
                    }
                    catch (ErrnoException refused)
                    {
                        answer = refused.ErrnoName;
                    }

                    Assert.True(answer is "0" or "EAGAIN", $"{(vectored ? "readv" : "read")} of a UDP socket shut for reading: {answer} (ETIME: it waited, or spun, until the deadline)");
                }
            });
        }
        finally
        {
            Sys.close(shut);
        }

        Assert.Equal(0, ring.InFlightCount);
    }

    [Theory]
    [MemberData(nameof(Sources))]
    public async Task Round11_Dispose_under_four_reads_of_a_busy_non_blocking_stream_ends_each_once_and_loses_no_byte(IoBackend backend, DeliveryMode mode, Source source)
    {
        IoRing ring = Hostile.Create(backend, mode);
        (int readFd, int writeFd) = source == Source.SocketPair ? Sys.SocketPair() : Sys.Pipe();
        Sys.SetNonBlocking(readFd, true);
        Sys.SetNonBlocking(writeFd, true);
        int written = 0, read = 0, disposed = 0;
        var errors = new ConcurrentQueue<string>();
        using var feeding = new CancellationTokenSource();
        try
        {
            // On a pool thread without the test runner's context, as a server runs (the scenario is bounded as a whole).
            Task scenario = Task.Run(async () =>
            {
                Task[] loops = Enumerable.Range(0, 4).Select(_ => Loop()).ToArray();
                await Hostile.UntilPending(ring, 4);
                Task feeder = Task.Factory.StartNew(
                    () =>
                    {
                        // Non-blocking writes: once the readers are gone a socket pair fills after a few hundred
                        // single bytes, and a blocking write would hold this thread for ever.
                        while (!feeding.IsCancellationRequested && written < 20000)
                        {
                            if (Sys.TryWriteByte(writeFd, 7))
                            {
                                written++;
                            }

                            Thread.Yield();
                        }
                    },
                    CancellationToken.None,
                    TaskCreationOptions.LongRunning,
                    TaskScheduler.Default);
                await Hostile.Until(() => Volatile.Read(ref read) > 100, "the reads took 100 bytes");
                await Hostile.Within(Task.Run(ring.Dispose), ring, "Dispose");
                feeding.Cancel();
                await Hostile.Within(feeder, ring, "the feeder");
                await Hostile.Within(Task.WhenAll(loops), ring, $"the four read loops after Dispose ({source})");
            });
            await Hostile.Within(scenario, ring, $"the scenario ({backend}, {mode}, {source})");
        }
        finally
        {
            ring.Dispose();
            read += Sys.Take(readFd, 1 << 16).Length;
            Sys.close(readFd);
            Sys.close(writeFd);
        }

        Assert.True(errors.IsEmpty, string.Join("\n", errors));
        Assert.Equal(4, disposed);
        Assert.Equal(written, read);
        Assert.Empty(ring.Abandoned);

        async Task Loop()
        {
            var buffer = new byte[4];
            while (true)
            {
                try
                {
                    int n = source == Source.PipeVectored
                        ? await ring.ReadAsync(readFd, new Memory<byte>[] { buffer })
                        : await ring.ReadAsync(readFd, buffer);
                    Interlocked.Add(ref read, n);
                }
                catch (ObjectDisposedException)
                {
                    Interlocked.Increment(ref disposed);
                    return;
                }
                catch (ErrnoException e)
                {
                    errors.Enqueue(e.Message);
                    return;
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(Sources))]
    public async Task Round11_large_writes_into_a_full_non_blocking_stream_report_what_they_moved(IoBackend backend, DeliveryMode mode, Source source)
    {
        // Four writes of 64 KiB each into a full non-blocking pipe or socket while a reader drains it a little at a time:
        // each write waits for room and returns what it moved (at least a byte, never EAGAIN); the counts add up to what
        // the reader took.
        using IoRing ring = Hostile.Create(backend, mode);
        (int readFd, int writeFd) = source == Source.SocketPair ? Sys.SocketPair() : Sys.Pipe();
        Sys.SetNonBlocking(writeFd, true);
        int filled = Sys.FillNonBlocking(writeFd);
        var moved = new int[4];
        int drained = 0;
        try
        {
            await Hostile.Run(ring, mode, async () =>
            {
                Task[] writes = Enumerable.Range(0, 4).Select(Write).ToArray();
                await Hostile.UntilPending(ring, 4);
                Task drain = Task.Factory.StartNew(
                    () => drained = Sys.Drain(readFd, int.MaxValue, 1000),
                    CancellationToken.None,
                    TaskCreationOptions.LongRunning,
                    TaskScheduler.Default);
                await Hostile.Within(Task.WhenAll(writes), ring, $"the four large writes ({source})");

                // Nothing more is coming: the drain ends once the stream is empty and the writer end closed.
                Sys.Check(Sys.close(writeFd), "close");
                writeFd = -1;
                await Hostile.Within(drain, ring, "the drain");
            });
        }
        finally
        {
            Sys.close(readFd);
            if (writeFd >= 0)
            {
                Sys.close(writeFd);
            }
        }

        Assert.All(moved, n => Assert.InRange(n, 1, 65536));
        Assert.Equal(filled + moved.Sum(), drained);
        Assert.Equal(0, ring.InFlightCount);

        async Task Write(int index)
        {
            var big = new byte[65536];
            moved[index] = source == Source.PipeVectored
                ? await ring.WriteAtMostAsync(writeFd, new ReadOnlyMemory<byte>[] { big.AsMemory(0, 1000), big.AsMemory(1000) }, 0)
                : await ring.WriteAtMostAsync(writeFd, big);
        }
    }
}
