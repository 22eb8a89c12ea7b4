using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Threading.Tasks;

namespace AsyncSys.Runtime.Tests.Hostile;

/// <summary>
/// Round 6: an operation nobody cancelled (no token, no CancelAll/CancelByFd/CancelByTag, no deadline, no Dispose)
/// must never end as a cancellation (docs/cancellation.md: the exception says who cancelled). io_uring runs fsync and
/// statx on its io-wq workers, which the kernel creates from the ring's submitting thread; with signals landing on that
/// thread the creation fails and io-wq answers -ECANCELED for a request nobody cancelled. In a child process (the
/// signal handler is the whole process's).
/// </summary>
public sealed partial class SpuriousCancelRound6Tests
{
    [Theory]
    [InlineData(IoBackend.IoUring)]
    [InlineData(IoBackend.LinuxAio)]
    [InlineData(IoBackend.Workers)]
    public async Task Fsync_statx_and_open_nobody_cancelled_end_with_their_result_under_signals_aimed_at_the_ring_threads(IoBackend backend)
    {
        var run = await Child.Run($"r6:iowq:{backend}", 150);
        Child.AssertPassed(run, $"signals at the ring's threads, {backend}");
    }

    /// <summary>
    /// Deterministic form: with no thread left to start (RLIMIT_NPROC at 0 for a user it binds), io-wq cannot create its first worker and cancels an
    /// fsync nobody cancelled (-ECANCELED, seen with a plain C program on this kernel). On a ring whose blocking-call
    /// worker was started before, every call still ends with its result; on one with no worker started, with its result
    /// or an ErrnoException EAGAIN that names pthread_create, never a cancellation; an fsync with a deadline an hour away
    /// is not told that its deadline elapsed either.
    /// </summary>
    [Theory]
    [InlineData(IoBackend.IoUring)]
    [InlineData(IoBackend.LinuxAio)]
    [InlineData(IoBackend.Workers)]
    public async Task With_no_thread_left_to_start_an_fsync_nobody_cancelled_gets_its_result_or_EAGAIN_never_a_cancellation(IoBackend backend)
    {
        var run = await Child.Run($"r6:nothread:{backend}", 90, ("DOTNET_TieredCompilation", "0"));
        Child.AssertPassed(run, $"no thread to start, {backend}");
    }

    /// <summary>
    /// Review (session 20): an io_uring call with a token whose registration the ring thread defers (it registers the
    /// tokens of what is still on the ring after each reaping pass) and that io-wq gives back unasked in that same pass
    /// reruns on a blocking-call worker; the token must still reach it there. A splice always goes to io-wq; from an
    /// empty pipe it waits on the workers' readiness lane for bytes that never come. The token is cancelled once the
    /// listing shows it on the worker, and the call must end as cancelled (it waited for ever before the fix).
    /// </summary>
    [Theory]
    [InlineData(IoBackend.IoUring)]
    [InlineData(IoBackend.Workers)]
    public async Task With_no_thread_left_to_start_a_call_io_wq_gave_back_still_answers_its_token_on_the_worker(IoBackend backend)
    {
        var run = await Child.Run($"r6:nothread-token:{backend}", 90, ("DOTNET_TieredCompilation", "0"));
        Child.AssertPassed(run, $"no thread to start, token on the rerun, {backend}");
    }

    /// <summary>
    /// Review (session 20), the same order forced on the ring thread: CancelAll, then a splice with a token admitted
    /// after its pass (it is not in flight when CancelAll is called). Both go to the kernel in the ring thread's next pass,
    /// the splice first, so the bulk cancel (IORING_ASYNC_CANCEL_ALL) matches it and the kernel answers -ECANCELED in that
    /// pass: nobody asked this splice to cancel, so it reruns on a worker. The ring thread registers the tokens of what
    /// is still on the ring only after that pass; the token must reach the rerun anyway: cancelled, the splice (waiting
    /// on an empty pipe) ends as cancelled. Before the fix it waited for ever.
    /// </summary>
    [Theory]
    [InlineData(DeliveryMode.Pool)]
    [InlineData(DeliveryMode.Inline)]
    [InlineData(DeliveryMode.RingContext)]
    public async Task A_call_the_bulk_cancel_of_an_earlier_CancelAll_gave_back_reruns_on_a_worker_and_still_answers_its_token(DeliveryMode mode)
    {
        int rerun = 0;
        int rounds = Hostile.Rounds(8, 200);
        for (int round = 0; round < rounds; round++)
        {
            using IoRing ring = Hostile.Create(IoBackend.IoUring, mode);
            (int Read, int Write) from = Sys.Pipe(), to = Sys.Pipe();
            try
            {
                using var cts = new System.Threading.CancellationTokenSource();
                Task<int> splice = null!;
                await ring.RunOnRingAsync(() =>
                {
                    ring.CancelAll();
                    splice = ring.SubmitAsync(RingRequest.Splice(from.Read, -1, to.Write, -1, 1, 0), cts.Token).AsTask();
                    return Task.CompletedTask;
                });

                // Where it waits now: on a worker (the bulk cancel matched it) or still on the ring.
                bool onWorker = false;
                for (int i = 0; i < 200 && !onWorker && !splice.IsCompleted; i++)
                {
                    onWorker = ring.GetInFlightOperations().Any(o => o.Operation == RingOp.Splice && o.Backend == IoBackend.Workers);
                    if (!onWorker)
                    {
                        await Task.Delay(5);
                    }
                }

                rerun += onWorker ? 1 : 0;
                string where = Hostile.Describe(ring);
                cts.Cancel();
                Exception? error = await Record.ExceptionAsync(() => Hostile.Within(splice, ring, $"round {round}: the splice after its token was cancelled (before the cancel: {where})"));
                Assert.True(error is OperationCanceledException oce && oce.CancellationToken == cts.Token, $"round {round} ({(onWorker ? "rerun on a worker" : "on the ring")}): {error}");
            }
            finally
            {
                WriteByte(from.Write); // a splice still waiting ends, so the ring can be disposed
                ring.Dispose();
                Assert.Empty(ring.Abandoned);
                foreach (int fd in new[] { from.Read, from.Write, to.Read, to.Write })
                {
                    Sys.close(fd);
                }
            }
        }

        Assert.True(rerun > 0, $"no round's splice was given back by the bulk cancel ({rounds} rounds): the order was not forced");
    }

    internal static int NoThreadTokenChild(IoBackend backend)
    {
        Round5.PreparePool(8);

        // What cancelling, failing and printing need, loaded while threads can still start.
        Console.WriteLine($"info: start {new ErrnoException(Errno.EAGAIN, "warm-up").Message}");
        Console.Out.Flush();
        _ = Child.Outcome(Task.FromException<int>(new ErrnoException(Errno.EAGAIN, "warm-up")));
        _ = Child.Outcome(Task.FromCanceled<int>(new System.Threading.CancellationToken(true)));
        _ = Child.Outcome(Task.Delay(1).ContinueWith(_ => 0));
        using (var warm = new System.Threading.CancellationTokenSource())
        {
            warm.Token.Register(static () => { });
            warm.Cancel();
        }

        var rings = new List<(DeliveryMode Mode, IoRing Ring, (int Read, int Write) From, (int Read, int Write) To)>();
        foreach (DeliveryMode mode in Enum.GetValues<DeliveryMode>())
        {
            // Its one worker and its readiness lane run already (a delay the ring pretends its kernel lacks parks on
            // the lane); its io-wq has no worker yet (nothing went there).
            IoRing ring = Hostile.Create(backend, mode, o =>
            {
                o.MaxWorkerThreads = 1;
                o.RunShortBlockingCallsOnCaller = false;
                o.DisposeTimeout = TimeSpan.FromSeconds(5);
                o.PretendKernelLacks = [RingOp.Timeout];
            });
            _ = Child.Outcome(ring.NopAsync().AsTask().ContinueWith(_ => 0));
            _ = Child.Outcome(ring.RunBlockingAsync(0, static (ref int _) => 7).AsTask().ContinueWith(t => (int)t.Result.Value));
            _ = Child.Outcome(ring.DelayAsync(TimeSpan.FromMilliseconds(1)).AsTask().ContinueWith(_ => 0));
            _ = Hostile.Describe(ring);
            rings.Add((mode, ring, Sys.Pipe(), Sys.Pipe()));
        }

        ulong original = NoThreadsFromHere();
        var wrongs = new List<string>();
        foreach ((DeliveryMode mode, IoRing ring, (int Read, int Write) from, (int Read, int Write) to) in rings)
        {
            using var cts = new System.Threading.CancellationTokenSource();
            Task<int> splice = ring.SubmitAsync(RingRequest.Splice(from.Read, -1, to.Write, -1, 1, 0), cts.Token).AsTask();
            bool onWorker = false;
            for (int i = 0; i < 1000 && !onWorker && !splice.IsCompleted; i++)
            {
                onWorker = ring.GetInFlightOperations().Any(o => o.Operation == RingOp.Splice && o.Backend == IoBackend.Workers && o.State == InFlightState.OnWorker);
                if (!onWorker)
                {
                    System.Threading.Thread.Sleep(10);
                }
            }

            string where = Hostile.Describe(ring);
            cts.Cancel();
            string outcome = Child.Outcome(splice, 10);
            Console.WriteLine($"info: {mode}: on a worker {onWorker} ({where.ReplaceLineEndings(" ")}); after the cancel: {outcome}");
            if (!onWorker)
            {
                wrongs.Add($"{mode}: the splice never waited on a worker ({outcome}; {where})");
            }

            if (outcome != "cancelled")
            {
                wrongs.Add($"{mode}: the token cancelled while the splice waited on the worker: expected cancelled, got {outcome}; in flight: {Hostile.Describe(ring)}");
                if (outcome == "hung")
                {
                    WriteByte(from.Write); // ends the wait, so the ring can be disposed
                    Console.WriteLine($"info: {mode}: after a byte was written: {Child.Outcome(splice, 10)}");
                }
            }
        }

        ThreadsAgain(original);
        Child.Expect(wrongs.Count == 0, $"{backend}: a token cancelled while a splice given back by io-wq waited on a worker ended it: {string.Join("; ", wrongs)}");
        foreach ((DeliveryMode mode, IoRing ring, (int Read, int Write) from, (int Read, int Write) to) in rings)
        {
            Child.Expect(ring.InFlightCount == 0, $"{backend} {mode}: nothing left in flight: {Hostile.Describe(ring)}");
            ring.Dispose();
            Child.Expect(ring.Abandoned.Count == 0, $"{backend} {mode}: Dispose abandoned {ring.Abandoned.Count}");
            foreach (int fd in new[] { from.Read, from.Write, to.Read, to.Write })
            {
                Sys.close(fd);
            }
        }

        Console.WriteLine("DONE");
        return 0;
    }

    private static unsafe void WriteByte(int fd)
    {
        byte b = 1;
        Sys.Check((int)Sys.write(fd, &b, 1), "write");
    }

    [LibraryImport("libc", SetLastError = true)]
    private static partial int setresuid(uint real, uint effective, uint saved);

    private const int RLIMIT_NPROC = 6;

    internal static int NoThreadChild(IoBackend backend)
    {
        Round5.PreparePool(8);
        string dir = Path.Combine(Path.GetTempPath(), $"hostile6-nothread-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        string file = Path.Combine(dir, "f");
        File.WriteAllBytes(file, new byte[4096]);
        int fd = Sys.Check(Sys.open(file, Sys.O_RDWR | Sys.O_CLOEXEC, 0), "open");

        // What failing and printing need, loaded while threads can still start.
        Console.WriteLine($"info: start {new ErrnoException(Errno.EAGAIN, "warm-up").Message}");
        Console.Out.Flush();
        _ = Child.Outcome(Task.FromException<int>(new ErrnoException(Errno.EAGAIN, "warm-up")));
        _ = Child.Outcome(Task.Delay(1).ContinueWith(_ => 0));
        var ledgerWarm = new Ledger();
        _ = ledgerWarm.Track(() => new ValueTask<int>(0), "warm-up").GetAwaiter().GetResult();

        // Per mode: a ring whose one worker is running already, and one that never started a worker. Neither ran an
        // fsync or statx yet, so on io_uring their ring threads' io-wq has no worker either.
        var rings = new List<(DeliveryMode Mode, bool WorkerStarted, IoRing Ring)>();
        foreach (DeliveryMode mode in Enum.GetValues<DeliveryMode>())
        {
            foreach (bool started in new[] { true, false })
            {
                IoRing ring = Hostile.Create(backend, mode, o =>
                {
                    o.MaxWorkerThreads = 1;
                    o.RunShortBlockingCallsOnCaller = false;
                    o.DisposeTimeout = TimeSpan.FromSeconds(5);
                });
                _ = Child.Outcome(ring.NopAsync().AsTask().ContinueWith(_ => 0));
                if (started)
                {
                    _ = Child.Outcome(ring.RunBlockingAsync(0, static (ref int _) => 7).AsTask().ContinueWith(t => (int)t.Result.Value));
                }

                rings.Add((mode, started, ring));
            }
        }

        ulong original = NoThreadsFromHere();

        var wrongs = new List<string>();
        var seen = new List<string>();
        foreach ((DeliveryMode mode, bool started, IoRing ring) in rings)
        {
            var ledger = new Ledger();
            var results = new List<(string Name, (Ending Ending, int Value, Exception? Error) End)>();
            Dirty(fd); // something for fsync to write
            Task scenario = Hostile.Run(ring, mode, async () =>
            {
                results.Add(("fsync", await ledger.Track(() => ring.FsyncAsync(fd), "fsync")));
                results.Add(("statx", await ledger.Track(async () => (int)(await ring.StatxAsync(IoRing.AtCurrentDirectory, file)).FileSize, "statx")));

                // With a deadline an hour away: io-wq's -ECANCELED comes long before it, so it is not the deadline either.
                results.Add(("fsync with a deadline", await ledger.Track(() => ring.SubmitAsync(RingRequest.Fsync(fd).WithTimeout(TimeSpan.FromHours(1))), "fsync with a deadline")));
            });
            string outcome = Child.Outcome(scenario.ContinueWith(t => { t.GetAwaiter().GetResult(); return 0; }), 40);
            if (outcome != "result 0")
            {
                wrongs.Add($"{mode} worker {(started ? "started" : "not started")}: the scenario {outcome}");
            }

            foreach ((string name, var end) in results)
            {
                string text = end.Ending == Ending.Result ? $"result {end.Value}" : $"{end.Ending} {end.Error?.GetType().Name} {(end.Error as ErrnoException)?.Syscall}: {end.Error?.Message}";
                seen.Add($"{mode} worker {(started ? "started" : "not started")} {name}: {text}");
                bool resultOk = end.Ending == Ending.Result && (name == "statx" ? end.Value == 4096 : end.Value == 0);
                bool clearRefusal = !started && end.Error is ErrnoException { Errno: Errno.EAGAIN } e && e.Message.Contains("pthread_create", StringComparison.Ordinal);
                if (!(resultOk || clearRefusal))
                {
                    wrongs.Add($"{mode} worker {(started ? "started" : "not started")} {name}: {text}");
                }

                if (backend == IoBackend.IoUring && !started && name.StartsWith("fsync", StringComparison.Ordinal)
                    && !(end.Error is ErrnoException { Errno: Errno.EAGAIN, Syscall: "fsync" }))
                {
                    // io-wq cancelled it and no worker could run it: the caller is told which call failed, and why.
                    wrongs.Add($"{mode} io_uring fsync with no worker to run it: expected ErrnoException EAGAIN naming fsync, got {text}");
                }
            }
        }

        ThreadsAgain(original);
        seen.ForEach(line => Console.WriteLine("info: " + line));
        Child.Expect(wrongs.Count == 0, $"{backend}: nobody cancelled, so no call ended as a cancellation: {string.Join("; ", wrongs)}");

        // Threads can start again: every ring runs an fsync, and none abandons anything.
        foreach ((DeliveryMode mode, bool started, IoRing ring) in rings)
        {
            string again = Child.Outcome(ring.FsyncAsync(fd).AsTask().ContinueWith(t => { t.GetAwaiter().GetResult(); return 0; }));
            Child.Expect(again == "result 0", $"{backend} {mode} worker {(started ? "started" : "not started")}: an fsync once threads can start: {again}");
            Child.Expect(ring.InFlightCount == 0, $"{backend} {mode}: nothing left in flight: {Hostile.Describe(ring)}");
            ring.Dispose();
            Child.Expect(ring.Abandoned.Count == 0, $"{backend} {mode}: Dispose abandoned {ring.Abandoned.Count}");
        }

        Sys.close(fd);
        Directory.Delete(dir, true);
        Console.WriteLine("DONE");
        return 0;
    }

    /// <summary>
    /// From here on no thread can start: root ignores RLIMIT_NPROC, a user other than root does not. The real and
    /// effective users become nobody (glibc changes them in every thread, and a thread whose effective user leaves root
    /// loses its effective capabilities, CAP_SYS_RESOURCE included); the saved user stays root, so they can come back.
    /// Returns the old soft limit.
    /// </summary>
    private static unsafe ulong NoThreadsFromHere()
    {
        ulong* limits = stackalloc ulong[2];
        Sys.Check(Sys.getrlimit(RLIMIT_NPROC, limits), "getrlimit");
        ulong original = limits[0];
        limits[0] = 0;
        Sys.Check(Sys.setrlimit(RLIMIT_NPROC, limits), "setrlimit(RLIMIT_NPROC)");
        Sys.Check(setresuid(65534, 65534, 0), "setresuid");
        return original;
    }

    private static unsafe void ThreadsAgain(ulong original)
    {
        ulong* limits = stackalloc ulong[2];
        Sys.Check(Sys.getrlimit(RLIMIT_NPROC, limits), "getrlimit");
        limits[0] = original;
        Sys.Check(setresuid(0, 0, 0), "setresuid back");
        Sys.Check(Sys.setrlimit(RLIMIT_NPROC, limits), "setrlimit(RLIMIT_NPROC) back");
    }

    private static unsafe void Dirty(int fd)
    {
        byte b = 1;
        Sys.Check((int)Sys.pwrite(fd, &b, 1, 0), "pwrite");
    }

    internal static int IoWqChild(IoBackend backend)
    {
        Sys.InstallInterruptingHandler(Sys.SIGUSR1);
        string dir = Path.Combine(Path.GetTempPath(), $"hostile6-iowq-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        var files = Enumerable.Range(0, 8).Select(i => Path.Combine(dir, $"f{i}")).ToArray();
        foreach (string file in files)
        {
            File.WriteAllBytes(file, new byte[4096]);
        }

        int[] fds = files.Select(f => Sys.Check(Sys.open(f, Sys.O_RDWR | Sys.O_CLOEXEC, 0), "open")).ToArray();
        int total = 0;
        try
        {
            using var storm = new ThreadStorm("r6spur", Sys.SIGUSR1);
            foreach (DeliveryMode mode in Enum.GetValues<DeliveryMode>())
            {
                var ledger = new Ledger();
                var wrong = new List<string>();
                for (int round = 0; round < Hostile.Rounds(12, 120); round++)
                {
                    // A ring (so a ring thread, and on io_uring an io-wq with no worker yet) per round.
                    IoRing ring = Hostile.Create(backend, mode, o => o.Name = "r6spur");
                    string outcome;
                    try
                    {
                        Hostile.Run(ring, mode, () => Round(ring, ledger, fds, files, wrong, round)).GetAwaiter().GetResult();
                        outcome = "ended";
                    }
                    catch (Exception e)
                    {
                        outcome = e.GetType().Name + ": " + e.Message;
                    }

                    if (outcome != "ended")
                    {
                        wrong.Add($"round {round}: {outcome}");
                    }

                    Child.Expect(ring.InFlightCount == 0, $"{backend} {mode} round {round}: nothing left in flight: {Hostile.Describe(ring)}");
                    ring.Dispose();
                }

                total += ledger.Ended;
                Child.Expect(wrong.Count == 0 && ledger.Started == ledger.Ended && ledger[Ending.Result] == ledger.Started,
                    $"{backend} {mode}: every fsync, statx and open ended once with its result: {ledger}; {wrong.Count} wrong: {string.Join("; ", wrong.Take(8))}");
            }

            Console.WriteLine($"info: {total} operations, {storm.Sent} signals sent to the ring threads");
            Child.Expect(storm.Sent > 0, "the storm reached the ring's threads");
        }
        finally
        {
            foreach (int fd in fds)
            {
                Sys.close(fd);
            }

            Directory.Delete(dir, true);
        }

        Console.WriteLine("DONE");
        return 0;
    }

    private static async Task Round(IoRing ring, Ledger ledger, int[] fds, string[] files, List<string> wrong, int round)
    {
        var ops = new List<(string Name, Task<(Ending Ending, int Value, Exception? Error)> Task)>();
        for (int i = 0; i < 16; i++)
        {
            int fd = fds[i % fds.Length];
            ops.Add(("fsync", ledger.Track(() => ring.FsyncAsync(fd), "fsync")));
        }

        for (int i = 0; i < 8; i++)
        {
            string file = files[i];
            ops.Add(("statx", ledger.Track(async () => (int)(await ring.StatxAsync(IoRing.AtCurrentDirectory, file)).FileSize, "statx")));
            ops.Add(("open", ledger.Track(async () => { using var h = await ring.OpenAsync(file, OpenFlags.ReadOnly); return 0; }, "open")));
        }

        foreach ((string name, var task) in ops)
        {
            var e = await Hostile.Within(task, ring, $"round {round}: {name}");
            if (e.Ending != Ending.Result)
            {
                wrong.Add($"round {round} {name}: {e.Ending} {e.Error?.GetType().Name}: {e.Error?.Message}");
            }
            else if (name == "statx" && e.Value != 4096)
            {
                wrong.Add($"round {round} statx: size {e.Value}");
            }
        }
    }
}
