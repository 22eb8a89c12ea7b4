using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace AsyncSys.Runtime.Tests.Hostile;

/// <summary>
/// Deadlines on calls that wait where the kernel runs them (docs/cancellation.md "Deadlines"), ring-context code that
/// blocks past the watchdog's limit on one ring of a set and loops inside a ring set that is disposed
/// (docs/performance.md "Continuations on the ring thread"), and a trusted short call site sent back to the workers
/// (docs/performance.md "Short blocking calls without a worker").
/// </summary>
public sealed class RingRound9Tests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromMilliseconds(100);

    /// <summary>Awaits <paramref name="call"/> and returns the errno it ended with, or "result N", "cancelled", "disposed".</summary>
    private static async Task<string> EndingOf(IoRing ring, Func<ValueTask<int>> call, string what)
    {
        try
        {
            return "result " + await Hostile.Within(call().AsTask(), ring, what);
        }
        catch (ErrnoException e)
        {
            return e.ErrnoName;
        }
        catch (OperationCanceledException)
        {
            return "cancelled";
        }
        catch (ObjectDisposedException)
        {
            return "disposed";
        }
    }

    [Theory]
    [MemberData(nameof(DeliveryModes.Matrix), MemberType = typeof(DeliveryModes))]
    public async Task A_deadline_ends_reads_and_writes_that_wait_in_the_kernel_with_ETIME_and_takes_nothing(IoBackend backend, DeliveryMode mode)
    {
        using IoRing ring = Hostile.Create(backend, mode);
        using var pipe = new RawPipe();
        using var full = new RawPipe();
        (int a, int b) = Sys.SocketPair();
        string dir = System.IO.Directory.CreateTempSubdirectory("hostile9-").FullName;
        string fifoPath = System.IO.Path.Combine(dir, "fifo");
        Sys.Check(Sys.mkfifo(fifoPath, 0x180), "mkfifo");
        // Opened read-write: a FIFO that has a writer (itself), so a read waits for data, not for a writer.
        int fifo = Sys.Check(Sys.open(fifoPath, Sys.O_RDWR | Sys.O_CLOEXEC, 0), "open(fifo)");
        int pty = Sys.IdlePtyMaster();
        int filled = Sys.Fill(full.Write);
        string filePath = System.IO.Path.Combine(dir, "file");
        int file = Sys.Check(Sys.open(filePath, Sys.O_RDWR | Sys.O_CREAT | Sys.O_CLOEXEC, 0x180), "open(file)");
        try
        {
            await Hostile.Run(ring, mode, async () =>
            {
                for (int round = 0; round < 2; round++)
                {
                    // Round 1 skips the attempt on the caller, so every call goes to the backend at once.
                    Func<RingRequest, RingRequest> shape = round == 0 ? r => r.WithTimeout(Deadline) : r => r.WithoutImmediateAttempt().WithTimeout(Deadline);
                    var cases = new List<(string What, Func<ValueTask<int>> Call, Func<string?> After)>
                    {
                        ("a read of a blocking pipe", () => ring.SubmitAsync(shape(RingRequest.Read(pipe.Read, new byte[16], -1))), () => Sys.Pending(pipe.Read) == 0 ? null : "bytes appeared"),
                        ("a read of a FIFO", () => ring.SubmitAsync(shape(RingRequest.Read(fifo, new byte[16], -1))), () => null),
                        ("a recv of a blocking socket", () => ring.SubmitAsync(shape(RingRequest.Recv(a, new byte[16], MessageFlags.None))), () => null),
                        ("a write into a full blocking pipe", () => ring.SubmitAsync(shape(RingRequest.Write(full.Write, new byte[] { 1 }, -1))), () => Sys.Pending(full.Read) == filled ? null : $"the full pipe holds {Sys.Pending(full.Read)} bytes, {filled} before"),
                        ("a raw read of a blocking pipe", () => ring.SubmitRawAsync(shape(RingRequest.Read(pipe.Read, new byte[16], -1))), () => null),
                    };
                    if (pty >= 0)
                    {
                        cases.Add(("a read of an idle pseudo-terminal", () => ring.SubmitAsync(shape(RingRequest.Read(pty, new byte[16], -1))), () => null));
                    }

                    var failures = new List<string>();
                    foreach ((string what, Func<ValueTask<int>> call, Func<string?> after) in cases)
                    {
                        string ending = await EndingOf(ring, call, what);
                        bool raw = what.StartsWith("a raw", StringComparison.Ordinal);
                        string expected = raw ? $"result {-Errno.ETIME}" : "ETIME";
                        if (ending != expected)
                        {
                            failures.Add($"round {round}: {what} ended {ending}, {expected} expected");
                        }

                        string? wrong = after();
                        if (wrong is not null)
                        {
                            failures.Add($"round {round}: after {what}: {wrong}");
                        }
                    }

                    Assert.True(failures.Count == 0, string.Join("\n", failures));

                    // What ended by its deadline took nothing: bytes written now are all still there for the next reader.
                    pipe.Put(5);
                    Assert.Equal(1, await Hostile.Within(ring.ReadAsync(pipe.Read, new byte[16]).AsTask(), ring, "a read after the deadlines"));
                    Sys.WriteAll(b, new byte[] { 6, 6 });
                    Assert.Equal(2, await Hostile.Within(ring.ReceiveAsync(a, new byte[16]).AsTask(), ring, "a recv after the deadlines"));
                    Sys.WriteAll(fifo, new byte[] { 8, 8, 8 });
                    Assert.Equal(3, await Hostile.Within(ring.ReadAsync(fifo, new byte[16]).AsTask(), ring, "a FIFO read after the deadlines"));
                }

                // A regular-file write with a deadline ends (its count, or ETIME) and never waits for ever; what it
                // reports written is in the file.
                byte[] data = Sys.Pattern(8 * 1024 * 1024, 4);
                string fileEnding = await EndingOf(ring, () => ring.SubmitAsync(RingRequest.Write(file, data, 0).WithTimeout(TimeSpan.FromMilliseconds(1))), "a file write with a 1 ms deadline");
                if (fileEnding.StartsWith("result ", StringComparison.Ordinal))
                {
                    int n = int.Parse(fileEnding.AsSpan(7));
                    Assert.InRange(n, 0, data.Length);
                    Assert.True(Sys.ReadWhole(file, data.Length).AsSpan().SequenceEqual(data.AsSpan(0, n)), "the file holds other bytes than the write reported");
                }
                else
                {
                    Assert.True(fileEnding == "ETIME", $"a file write with a deadline ended {fileEnding}");
                }
            });
        }
        finally
        {
            Sys.close(a);
            Sys.close(b);
            Sys.close(fifo);
            Sys.close(file);
            if (pty >= 0)
            {
                Sys.close(pty);
            }

            System.IO.Directory.Delete(dir, true);
        }

        Assert.Equal(0, ring.InFlightCount);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public async Task Ring_context_code_that_blocks_past_the_limit_is_counted_and_traced_and_other_operations_still_complete(int rings)
    {
        string name = $"hostile9-watchdog-{Guid.NewGuid():N}";
        using var meter = new RingsMeter(name);
        using var events = new AsyncSysEvents();
        using IoRing ring = Hostile.Create(IoBackend.IoUring, DeliveryMode.RingContext, o =>
        {
            o.Name = name;
            o.Rings = rings;
        });
        var pipes = Enumerable.Range(0, 16).Select(_ => new RawPipe()).ToArray();
        try
        {
            var reads = new Task<int>[pipes.Length];
            var buffers = pipes.Select(_ => new byte[4]).ToArray();
            for (int i = 0; i < pipes.Length; i++)
            {
                int k = i;
                reads[i] = Task.Run(async () => await ring.ReadAsync(pipes[k].Read, buffers[k]));
            }

            await Hostile.UntilPending(ring, pipes.Length);
            using var fed = new ManualResetEventSlim();
            Task feeder = Task.Run(() =>
            {
                fed.Wait();
                for (int i = 0; i < pipes.Length; i++)
                {
                    pipes[i].Put((byte)i, (byte)(i + 1));
                }
            });
            var loops = Enumerable.Range(0, rings * 2).Select(index => ring.RunOnRingAsync(async () =>
            {
                await ring.NopAsync();
                if (index == 0)
                {
                    // Holds this ring thread well past 1 ms, while the reads' bytes arrive.
                    fed.Set();
                    Thread.Sleep(30);
                }

                await ring.NopAsync();
                return index;
            })).ToArray();

            Assert.Equal(Enumerable.Range(0, rings * 2), await Hostile.Within(Task.WhenAll(loops), ring, "the loops"));
            await Hostile.Within(feeder, ring, "the feeder");
            int[] counts = await Hostile.Within(Task.WhenAll(reads), ring, "the 16 reads");
            for (int i = 0; i < pipes.Length; i++)
            {
                Assert.Equal(2, counts[i]);
                Assert.Equal(new byte[] { (byte)i, (byte)(i + 1) }, buffers[i].AsSpan(0, 2).ToArray());
            }

            await Hostile.Until(() => meter["asyncsys.continuations.long"] >= 1, $"the long continuation is counted ({meter})");
            await Hostile.Until(
                () => events.Events.Any(e => e.Id == 8 && e.Payload.Any(p => p is string s && s.StartsWith(name, StringComparison.Ordinal))),
                $"event 8 names the ring; events seen: {string.Join(", ", events.Events.Select(e => e.Id).Distinct())}");
        }
        finally
        {
            foreach (RawPipe pipe in pipes)
            {
                pipe.Dispose();
            }
        }
    }

    [Theory]
    [MemberData(nameof(DeliveryModes.Matrix), MemberType = typeof(DeliveryModes))]
    public async Task Loops_inside_a_ring_set_that_is_disposed_end_with_ObjectDisposedException_after_awaits_of_every_kind(IoBackend backend, DeliveryMode mode)
    {
        IoRing ring = Hostile.Create(backend, mode, o => o.Rings = 2);
        using IoRing other = Hostile.Create(backend, mode);
        var pipes = Enumerable.Range(0, 8).Select(_ => new RawPipe()).ToArray();
        try
        {
            var loops = new List<Task<string>>();
            for (int i = 0; i < pipes.Length; i++)
            {
                int index = i;
                loops.Add(ring.RunOnRingAsync(async () =>
                {
                    switch (index % 7)
                    {
                        case 0:
                            await ring.NopAsync();
                            break;
                        case 1:
                            await ring.RunOnRingAsync(async () => await ring.NopAsync());
                            break;
                        case 2:
                            await ring.NopAsync().ConfigureAwait(false);
                            break;
                        case 3:
                            await ring.RunBlockingAsync(0, static (ref int s) => 0);
                            break;
                        case 4:
                            await Task.Delay(1);
                            break;
                        case 5:
                            await other.NopAsync();
                            break;
                        default:
                            await Task.Yield();
                            break;
                    }

                    if (index == 6)
                    {
                        throw new InvalidOperationException("loop 6 throws");
                    }

                    try
                    {
                        int n = await ring.ReadAsync(pipes[index].Read, new byte[4]);
                        return $"result {n}";
                    }
                    catch (ObjectDisposedException)
                    {
                        return "disposed";
                    }
                }));
            }

            await Hostile.Within(Hostile.UntilPending(ring, pipes.Length - 1), ring, "the loops' reads reach the backend");
            await Task.Run(ring.Dispose);
            foreach ((Task<string> loop, int index) in loops.Select((l, i) => (l, i)))
            {
                if (index == 6)
                {
                    var e = await Assert.ThrowsAsync<InvalidOperationException>(() => Hostile.Within(loop, ring, "the throwing loop"));
                    Assert.Equal("loop 6 throws", e.Message);
                }
                else
                {
                    Assert.Equal("disposed", await Hostile.Within(loop, ring, $"loop {index}"));
                }
            }

            Assert.Empty(ring.Abandoned);
            Assert.All(pipes, p => Assert.Equal(0, p.Pending));
        }
        finally
        {
            ring.Dispose();
            foreach (RawPipe pipe in pipes)
            {
                pipe.Dispose();
            }
        }
    }

    public struct Where
    {
        public int Thread;
        public int SleepMs;
    }

    private static long Record(ref Where w)
    {
        w.Thread = Environment.CurrentManagedThreadId;
        if (w.SleepMs > 0)
        {
            Thread.Sleep(w.SleepMs);
        }

        return 0;
    }

    [Theory]
    [InlineData(IoBackend.IoUring)]
    [InlineData(IoBackend.LinuxAio)]
    [InlineData(IoBackend.Workers)]
    public async Task A_trusted_site_whose_calls_run_long_twice_goes_back_to_the_workers(IoBackend backend)
    {
        using IoRing ring = Hostile.Create(backend, DeliveryMode.Pool);
        BlockingCall<Where> site = static (ref Where w) => Record(ref w);
        await Hostile.Run(ring, DeliveryMode.Pool, async () =>
        {
            // Trusted: runs on the calling pool thread (a few runs in a row, however loaded the machine).
            int onCaller = 0;
            for (int i = 0; i < 400 && onCaller < 3; i++)
            {
                int caller = Environment.CurrentManagedThreadId;
                BlockingResult<Where> r = await ring.RunBlockingAsync(new Where(), site);
                onCaller = r.State.Thread == caller ? onCaller + 1 : 0;
            }

            Assert.True(onCaller == 3, "the site never ran on its caller after 400 short runs");

            // Two runs longer than 1 ms (they sleep: never a preemption) within 64 runs.
            for (int i = 0; i < 2; i++)
            {
                await ring.RunBlockingAsync(new Where { SleepMs = 5 }, site);
            }

            int from = Environment.CurrentManagedThreadId;
            BlockingResult<Where> next = await Task.Run(async () =>
            {
                from = Environment.CurrentManagedThreadId;
                return await ring.RunBlockingAsync(new Where(), site);
            });
            Assert.True(next.State.Thread != from, "after two long runs the site still ran on its caller, not on a worker");
        });
    }
    public sealed class Blocker
    {
        public int Fd;
        public int Entered;
        public bool OnPool;
        public bool SawCancel;
        public long Result;
    }

    private static unsafe long ReadBlocking(ref Blocker b)
    {
        b.OnPool = Thread.CurrentThread.IsThreadPoolThread;
        Volatile.Write(ref b.Entered, 1);
        byte one;
        long n = Sys.read(b.Fd, &one, 1);
        b.SawCancel = IoRing.IsBlockingCallCancellationRequested;
        b.Result = n;
        return n;
    }

    [Theory]
    [MemberData(nameof(DeliveryModes.Matrix), MemberType = typeof(DeliveryModes))]
    public async Task A_trusted_hooked_site_whose_calls_then_block_is_stopped_by_token_CancelAll_and_Dispose_and_goes_back_to_the_workers(IoBackend backend, DeliveryMode mode)
    {
        IoRing ring = Hostile.Create(backend, mode);
        BlockingCall<Blocker> site = static (ref Blocker b) => ReadBlocking(ref b);
        BlockingCancelHook hook = static c => c.InterruptWorker();
        using var pipe = new RawPipe();
        using Timer rescue = Round4.Rescue(pipe);
        int zero = Sys.OpenZero();
        try
        {
            await Hostile.Run(ring, mode, async () =>
            {
                // Trusted: its calls run on pool work items (a few in a row, however loaded the machine).
                int onPool = 0;
                for (int i = 0; i < 400 && onPool < 3; i++)
                {
                    var b = new Blocker { Fd = zero };
                    Assert.Equal(1, (await ring.RunBlockingAsync(b, site, hook)).ThrowIfFailed("read"));
                    onPool = b.OnPool ? onPool + 1 : 0;
                }

                Assert.True(onPool == 3, "the hooked site never ran on a pool work item after 400 short runs");

                // Two calls that wait on the empty pipe, stopped while they run: by their token, then by CancelAll.
                foreach (string how in new[] { "token", "CancelAll" })
                {
                    using var cts = new CancellationTokenSource();
                    var b = new Blocker { Fd = pipe.Read };
                    Task<BlockingResult<Blocker>> call = ring.RunBlockingAsync(b, site, hook, cts.Token).AsTask();
                    await Hostile.Until(() => Volatile.Read(ref b.Entered) == 1, $"the call stopped by {how} starts");
                    if (how == "token")
                    {
                        cts.Cancel();
                    }
                    else
                    {
                        ring.CancelAll();
                    }

                    await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Hostile.Within(call, ring, $"a waiting call stopped by {how}"));
                    Assert.True(b.Result < 0 && b.SawCancel, $"{how}: the body saw read return {b.Result} and cancellation requested {b.SawCancel}");
                    pipe.Put(9);
                    Assert.Equal(1, pipe.Pending);
                    Assert.Single(Sys.TakeAll(pipe.Read));
                }

                // Two runs that counted as long: the site is back on the workers (not a pool thread).
                var next = new Blocker { Fd = zero };
                Assert.Equal(1, (await ring.RunBlockingAsync(next, site, hook)).ThrowIfFailed("read"));
                Assert.False(next.OnPool, "after two calls stopped while they waited the site still ran on a pool work item");
            });

            // One more waiting call, ended by Dispose: ObjectDisposedException, the byte written after it stays.
            var last = new Blocker { Fd = pipe.Read };
            Task<BlockingResult<Blocker>> waiting = ring.RunBlockingAsync(last, site, hook).AsTask();
            await Hostile.Until(() => Volatile.Read(ref last.Entered) == 1, "the call ended by Dispose starts");
            await Task.Run(ring.Dispose);
            await Assert.ThrowsAsync<ObjectDisposedException>(() => Hostile.Within(waiting, ring, "a waiting call ended by Dispose"));
            Assert.Empty(ring.Abandoned);
            pipe.Put(9);
            Assert.Equal(1, pipe.Pending);
        }
        finally
        {
            ring.Dispose();
            Sys.close(zero);
        }
    }
    [Theory]
    [MemberData(nameof(DeliveryModes.Matrix), MemberType = typeof(DeliveryModes))]
    public async Task A_WaitAll_receive_ended_early_with_part_of_its_bytes_returns_them_or_leaves_them_in_the_socket(IoBackend backend, DeliveryMode mode)
    {
        using IoRing ring = Hostile.Create(backend, mode);
        (int a, int b) = Sys.SocketPair();
        (System.Net.Sockets.Socket client, System.Net.Sockets.Socket server) = Sys.TcpPair();
        var wrong = new List<string>();
        try
        {
            await Hostile.Run(ring, mode, async () =>
            {
                foreach ((int reader, int writer, string kind) in new[] { (a, b, "unix"), ((int)server.Handle, (int)client.Handle, "tcp") })
                {
                    foreach (string how in new[] { "deadline", "token", "CancelAll" })
                    {
                        for (int round = 0; round < Hostile.Rounds(3, 30); round++)
                        {
                            // 4 of the 10 bytes asked for arrive before the receive, 2 more while it waits.
                            Sys.WriteAll(writer, new byte[] { 1, 2, 3, 4 });
                            using var cts = new CancellationTokenSource();
                            var buffer = new byte[10];
                            RingRequest request = RingRequest.Recv(reader, buffer, MessageFlags.WaitAll);
                            if (how == "deadline")
                            {
                                request = request.WithTimeout(TimeSpan.FromMilliseconds(50 + round * 20));
                            }

                            Task<string> ending = EndingOf(ring, () => ring.SubmitAsync(request, cts.Token), $"a {kind} WaitAll receive ended by {how}");
                            await Task.Delay(5);
                            Sys.WriteAll(writer, new byte[] { 5, 6 });
                            await Task.Delay(5);
                            if (how == "token")
                            {
                                cts.Cancel();
                            }
                            else if (how == "CancelAll")
                            {
                                ring.CancelAll();
                            }

                            string outcome = await ending;
                            byte[] left = Sys.TakeAll(reader);
                            int got = outcome.StartsWith("result ", StringComparison.Ordinal) ? int.Parse(outcome.AsSpan(7)) : 0;
                            // Every byte sent is returned by the receive or still in the socket, in order, exactly once.
                            byte[] seen = buffer.AsSpan(0, got).ToArray().Concat(left).ToArray();
                            if (!seen.SequenceEqual(new byte[] { 1, 2, 3, 4, 5, 6 }))
                            {
                                wrong.Add($"{kind}, {how}, round {round}: the receive ended {outcome} with [{string.Join(",", buffer.Take(got))}], the socket still held [{string.Join(",", left)}]");
                            }
                        }
                    }
                }
            });
        }
        finally
        {
            Sys.close(a);
            Sys.close(b);
            client.Dispose();
            server.Dispose();
        }

        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }
    [Theory]
    [MemberData(nameof(DeliveryModes.Matrix), MemberType = typeof(DeliveryModes))]
    public async Task A_deadline_ends_an_accept_on_a_blocking_listener_and_a_poll_with_ETIME_and_the_connection_stays_queued(IoBackend backend, DeliveryMode mode)
    {
        using IoRing ring = Hostile.Create(backend, mode);
        using var listener = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.InterNetwork, System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp);
        listener.Bind(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 0));
        listener.Listen(4);
        int fd = (int)listener.Handle;
        using var pipe = new RawPipe();
        var wrong = new List<string>();
        await Hostile.Run(ring, mode, async () =>
        {
            for (int round = 0; round < 2; round++)
            {
                Func<RingRequest, RingRequest> shape = round == 0 ? r => r.WithTimeout(Deadline) : r => r.WithoutImmediateAttempt().WithTimeout(Deadline);
                string accept = await EndingOf(ring, () => ring.SubmitAsync(shape(RingRequest.Accept(fd, 0, 0, Sys.SOCK_CLOEXEC))), "an accept with a deadline");
                string poll = await EndingOf(ring, () => ring.SubmitAsync(shape(RingRequest.Poll(new Microsoft.Win32.SafeHandles.SafeFileHandle(pipe.Read, ownsHandle: false), PollEvents.In))), "a poll with a deadline");
                if (accept != "ETIME" || poll != "ETIME")
                {
                    wrong.Add($"round {round}: the accept ended {accept}, the poll {poll}; ETIME expected");
                }

                // A connection that arrives afterwards is still there for the next accept.
                using var client = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.InterNetwork, System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp);
                client.Connect(listener.LocalEndPoint!);
                int accepted = await Hostile.Within(ring.SubmitAsync(RingRequest.Accept(fd, 0, 0, Sys.SOCK_CLOEXEC)).AsTask(), ring, "an accept after the deadline");
                Assert.True(accepted > 2, $"accept returned {accepted}");
                Sys.close(accepted);
            }
        });

        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
        Assert.Equal(0, ring.InFlightCount);
    }
}
