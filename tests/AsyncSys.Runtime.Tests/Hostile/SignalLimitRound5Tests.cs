using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;

namespace AsyncSys.Runtime.Tests.Hostile;

/// <summary>
/// Signals and limits, each in a child process of its own (they are the whole process's): a storm of SIGUSR1 (a
/// handler without SA_RESTART) and SIGCHLD sent by another process while built-in operations, blocking calls, ring
/// creation, quiesce and Dispose run (docs/cancellation.md allows EINTR only as a cancelled worker call's way out; a
/// user body's own EINTR is its own); a real signal read through signalfd with the signal blocked in every thread;
/// RLIMIT_NOFILE low enough that rings cannot be created (docs/backends.md: an explicit backend that the kernel refuses
/// throws ErrnoException with the setup call's errno) while earlier rings keep working; RLIMIT_MEMLOCK at 0 without
/// CAP_IPC_LOCK; thousands of rings created and disposed (their descriptors and threads are gone after Dispose,
/// docs/reliability.md).
/// </summary>
public sealed class SignalLimitRound5Tests
{
    [Theory]
    [InlineData(IoBackend.IoUring)]
    [InlineData(IoBackend.LinuxAio)]
    [InlineData(IoBackend.Workers)]
    public async Task A_signal_storm_from_another_process_never_ends_a_built_in_operation_ring_creation_or_quiesce_with_EINTR(IoBackend backend)
    {
        var run = await Child.Run($"r5:storm:{backend}", 120);
        Child.AssertPassed(run, $"storm from another process, {backend}");
    }

    [Theory]
    [InlineData(IoBackend.IoUring)]
    [InlineData(IoBackend.LinuxAio)]
    [InlineData(IoBackend.Workers)]
    public async Task A_real_signal_blocked_in_every_thread_is_read_through_a_signalfd_on_the_ring(IoBackend backend)
    {
        var run = await RunWithSignalBlocked($"r5:signalfd:{backend}", Sys.SIGUSR2);
        Child.AssertPassed(run, $"signalfd, {backend}");
    }

    [Theory]
    [InlineData(IoBackend.IoUring)]
    [InlineData(IoBackend.LinuxAio)]
    [InlineData(IoBackend.Workers)]
    public async Task Rings_created_until_RLIMIT_NOFILE_refuses_fail_clearly_and_the_earlier_rings_keep_working(IoBackend backend)
    {
        var run = await Child.Run($"r5:nofile:{backend}", 90);
        Child.AssertPassed(run, $"rings until RLIMIT_NOFILE, {backend}");
    }

    [Theory]
    [InlineData(IoBackend.IoUring)]
    [InlineData(IoBackend.LinuxAio)]
    [InlineData(IoBackend.Workers)]
    public async Task A_blocking_call_that_fails_to_start_with_no_descriptor_left_gives_back_its_slot(IoBackend backend)
    {
        var run = await Child.Run($"r5:rentfail:{backend}", 60);
        Child.AssertPassed(run, $"a blocking call at descriptor exhaustion, {backend}");
    }

    /// <summary>
    /// The first blocking call of the process made with no descriptor left: .NET then cannot load what the call's first
    /// use needs (assemblies are opened lazily), and the call fails. Whatever it fails with, its slot must be given back:
    /// nothing left in flight, nothing abandoned at Dispose (found by the first run of the RLIMIT_NOFILE child).
    /// </summary>
    internal static int RentFailChild(IoBackend backend)
    {
        Round5.PreparePool(8);
        Console.WriteLine($"info: start {new ErrnoException(Errno.EMFILE, "warm-up").Message}");
        Console.Out.Flush();
        _ = Child.Outcome(Task.FromException<int>(new ErrnoException(Errno.EMFILE, "warm-up")));
        IoRing ring = IoRing.Create(new IoRingOptions { Backend = backend, Capacity = 8, Name = "hostile5-rentfail", DisposeTimeout = TimeSpan.FromSeconds(2) });
        _ = Child.Outcome(Nop(ring));
        ulong original = Round5.SetNoFile((ulong)Round5.HighestFd() + 8);
        var hog = new List<int>();
        for (int fd; (fd = Sys.open("/dev/null", Sys.O_RDONLY | Sys.O_CLOEXEC, 0)) >= 0;)
        {
            hog.Add(fd);
        }

        string outcome = Child.Outcome(Call(ring));
        hog.ForEach(fd => Sys.close(fd));
        Round5.SetNoFile(original);
        Console.WriteLine($"info: the call with no descriptor left: {outcome}");
        Child.Expect(ring.InFlightCount == 0, $"nothing left in flight after the call ended ({outcome}): {Hostile.Describe(ring)}");
        // Once descriptors are free: its result, or (where .NET keeps the failed load for the process) that failure again.
        string again = Child.Outcome(Call(ring));
        Child.Expect(again == "result 7" || again == outcome, $"a blocking call once descriptors are free: {again}");
        Child.Expect(ring.InFlightCount == 0, $"nothing left in flight after it: {Hostile.Describe(ring)}");
        ring.Dispose();
        Child.Expect(ring.Abandoned.Count == 0, $"Dispose abandoned {ring.Abandoned.Count}");
        Console.WriteLine("DONE");
        return 0;
    }

    [Theory]
    [InlineData(IoBackend.IoUring)]
    [InlineData(IoBackend.LinuxAio)]
    [InlineData(IoBackend.Workers)]
    public async Task With_RLIMIT_MEMLOCK_at_zero_and_no_CAP_IPC_LOCK_a_ring_works_or_is_refused_clearly(IoBackend backend)
    {
        var run = await Child.Run($"r5:memlock:{backend}", 60);
        Child.AssertPassed(run, $"RLIMIT_MEMLOCK 0, {backend}");
    }

    [Theory]
    [InlineData(IoBackend.IoUring)]
    [InlineData(IoBackend.LinuxAio)]
    [InlineData(IoBackend.Workers)]
    public async Task Hundreds_or_thousands_of_rings_created_used_and_disposed_leave_no_descriptor_or_thread_behind(IoBackend backend)
    {
        var run = await Child.Run($"r5:many:{backend}", 240);
        Child.AssertPassed(run, $"many rings, {backend}");
    }

    /// <summary>
    /// Starts the child from a thread that blocks <paramref name="signal"/>: a process inherits its creator's signal
    /// mask through fork and exec, and every thread the child's runtime creates inherits it from its creator, so the
    /// signal stays pending for a signalfd instead of being delivered.
    /// </summary>
    private static Task<(int Exit, string Out, string Err)> RunWithSignalBlocked(string scenario, int signal)
    {
        var started = new TaskCompletionSource<Process>(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            try
            {
                Round5.Block(signal);
                string host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";
                var start = new ProcessStartInfo(host) { RedirectStandardOutput = true, RedirectStandardError = true };
                start.ArgumentList.Add(typeof(Child).Assembly.Location);
                start.ArgumentList.Add("child");
                start.ArgumentList.Add("hostile3:" + scenario);
                started.SetResult(Process.Start(start)!);
            }
            catch (Exception e)
            {
                started.SetException(e);
            }
        })
        { IsBackground = true };
        thread.Start();
        return Wait(started.Task, scenario);

        static async Task<(int, string, string)> Wait(Task<Process> started, string scenario)
        {
            using Process process = await started;
            Task<string> output = process.StandardOutput.ReadToEndAsync();
            Task<string> error = process.StandardError.ReadToEndAsync();
            Task exited = process.WaitForExitAsync();
            if (await Task.WhenAny(exited, Task.Delay(TimeSpan.FromSeconds(90))) != exited)
            {
                process.Kill(true);
                Assert.Fail($"the child {scenario} did not end within 90 s; its output so far:\n{await output}\n{await error}");
            }

            return (process.ExitCode, await output, await error);
        }
    }

    // ---- the children ----

    internal static int StormChild(IoBackend backend)
    {
        Sys.InstallInterruptingHandler(Sys.SIGUSR1);
        int pid = Environment.ProcessId;

        // Another process sends the storm: SIGUSR1 (our handler, no SA_RESTART) and SIGCHLD (the runtime's own handler).
        using Process storm = Process.Start(new ProcessStartInfo("/bin/sh", new[] { "-c", $"while kill -USR1 {pid} && kill -CHLD {pid}; do :; done" }) { UseShellExecute = false })!;
        string file = Path.Combine(Path.GetTempPath(), $"hostile5-storm-{Guid.NewGuid():N}");
        File.WriteAllBytes(file, new byte[8192]);
        var ownEintr = new StrongBox<int>();
        try
        {
            foreach (DeliveryMode mode in Enum.GetValues<DeliveryMode>())
            {
                IoRing ring = Hostile.Create(backend, mode);
                var ledger = new Ledger();
                var wrong = new List<string>();
                string outcome;
                try
                {
                    Hostile.Run(ring, mode, () => StormRounds(ring, ledger, file, wrong, ownEintr)).GetAwaiter().GetResult();
                    outcome = "ended";
                }
                catch (Exception e)
                {
                    outcome = e.GetType().Name + ": " + e.Message;
                }

                Child.Expect(outcome == "ended" && wrong.Count == 0, $"{backend} {mode}: {outcome}; {string.Join("; ", wrong.Take(10))}");
                Child.Expect(ledger.Started == ledger.Ended && ledger[Ending.Errno] == 0 && ledger[Ending.Disposed] == 0 && ledger[Ending.Cancelled] == 0, $"{backend} {mode}: every built-in operation ended once with its result: {ledger}");
                Child.Expect(ring.InFlightCount == 0, $"{backend} {mode}: nothing left in flight: {Hostile.Describe(ring)}");
                ring.Dispose();
            }

            Child.Expect(!storm.HasExited, "the storm ran to the end (its kill never failed)");
            Console.WriteLine($"info: user bodies that do not retry saw EINTR {ownEintr.Value} times");
        }
        finally
        {
            storm.Kill();
            storm.WaitForExit();
            File.Delete(file);
        }

        Console.WriteLine("DONE");
        return 0;
    }

    private struct PipeRead
    {
        public int Fd;
        public bool Retry;
    }

    private static unsafe long ReadOnce(ref PipeRead call)
    {
        byte b;
        while (true)
        {
            nint n = Sys.read(call.Fd, &b, 1);
            if (n >= 0)
            {
                return n == 1 ? b : -1000;
            }

            if (!call.Retry || Marshal.GetLastPInvokeError() != Errno.EINTR || IoRing.IsBlockingCallCancellationRequested)
            {
                return -1;
            }
        }
    }

    private static async Task StormRounds(IoRing ring, Ledger ledger, string file, List<string> wrong, StrongBox<int> ownEintr)
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(16);
        int fileFd = Sys.Check(Sys.open(file, Sys.O_RDWR | Sys.O_CLOEXEC, 0), "open");
        try
        {
            for (int round = 0; round < Hostile.Rounds(8, 80); round++)
            {
                using var a = new RawPipe();
                using var polled = new RawPipe();
                using var full = new RawPipe();
                using var user = new RawPipe();
                using var retrying = new RawPipe();
                (int left, int right) = Sys.SocketPair();
                (int sendSide, int sendPeer) = Sys.SocketPair();
                int filledPipe = Sys.Fill(full.Write);
                int filledSocket = Sys.Fill(sendSide);
                var readBuffer = new byte[1];
                var ops = new List<(string Name, Task<(Ending Ending, int Value, Exception? Error)> Task)>
                {
                    ("read", ledger.Track(() => ring.ReadAsync(a.Read, readBuffer), "read")),
                    ("poll", ledger.Track(async () => (int)await ring.PollAsync(polled.Read, PollEvents.In), "poll")),
                    ("recv", ledger.Track(() => ring.ReceiveAsync(left, new byte[1]), "recv")),
                    ("accept", ledger.Track(() => ring.AcceptAsync((int)listener.Handle), "accept")),
                    ("delay", ledger.Track(() => ring.DelayAsync(TimeSpan.FromMilliseconds(3)), "delay")),
                    ("write into a full pipe", ledger.Track(() => ring.WriteAtMostAsync(full.Write, new byte[64]), "write")),
                    ("send into a full socket", ledger.Track(() => ring.SendAsync(sendSide, new byte[64]), "send")),
                    ("fsync", ledger.Track(() => ring.FsyncAsync(fileFd), "fsync")),
                    ("pread", ledger.Track(() => ring.ReadAsync(fileFd, new byte[4096], 4096), "pread")),
                    ("statx", ledger.Track(async () => { await ring.StatxAsync(IoRing.AtCurrentDirectory, file); return 0; }, "statx")),
                    ("open", ledger.Track(async () => { using var h = await ring.OpenAsync(file, OpenFlags.ReadOnly); return 0; }, "open")),
                };

                // The user's bodies: one that returns EINTR to its caller (its own), one that retries it.
                Task<BlockingResult<PipeRead>> own = Task.Run(async () => await ring.RunBlockingAsync(new PipeRead { Fd = user.Read }, static (ref PipeRead c) => ReadOnce(ref c)));
                Task<BlockingResult<PipeRead>> retried = Task.Run(async () => await ring.RunBlockingAsync(new PipeRead { Fd = retrying.Read, Retry = true }, static (ref PipeRead c) => ReadOnce(ref c)));

                // Creation, use and disposal of a ring, and a quiesce, in the storm.
                using (IoRing extra = IoRing.Create(new IoRingOptions { Backend = ring.Backend, Capacity = 8, Name = $"hostile5-storm-extra-{round}" }))
                {
                    await extra.NopAsync();
                }

                await Task.Delay(3);
                using (QuiesceResult quiesce = await ring.QuiesceAsync(TimeSpan.FromMilliseconds(5)))
                {
                    // Waiting operations stay in flight: only the answer's shape matters here, not whether it drained.
                    _ = quiesce.Drained;
                }

                a.Put((byte)(round + 1));
                polled.Put(1);
                Sys.WriteAll(right, new byte[] { 1 });
                Sys.TakeAll(full.Read);
                Sys.TakeAll(sendPeer);
                user.Put(5);
                retrying.Put(6);
                using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                await client.ConnectAsync(listener.LocalEndPoint!);

                foreach ((string name, var task) in ops)
                {
                    var e = await Hostile.Within(task, ring, $"round {round}: {name}");
                    if (e.Ending != Ending.Result)
                    {
                        wrong.Add($"round {round} {name}: {e.Ending} {e.Error?.Message}");
                    }
                    else if (name == "accept")
                    {
                        Sys.close(e.Value);
                    }
                }

                BlockingResult<PipeRead> ownResult = await own.WaitAsync(Hostile.Bound);
                if (ownResult.Value == -1 && ownResult.Errno == Errno.EINTR)
                {
                    // Its own EINTR: the byte is still in the pipe for a plain read.
                    Interlocked.Increment(ref ownEintr.Value);
                    Sys.TakeAll(user.Read);
                }
                else if (ownResult.Value != 5)
                {
                    wrong.Add($"round {round}: the non-retrying body got {ownResult.Value} errno {ownResult.Errno}");
                }

                BlockingResult<PipeRead> retriedResult = await retried.WaitAsync(Hostile.Bound);
                if (retriedResult.Value != 6)
                {
                    wrong.Add($"round {round}: the retrying body got {retriedResult.Value} errno {retriedResult.Errno}");
                }

                Sys.close(left);
                Sys.close(right);
                Sys.close(sendSide);
                Sys.close(sendPeer);
                _ = filledPipe + filledSocket;
            }
        }
        finally
        {
            Sys.close(fileFd);
        }
    }

    internal static int SignalFdChild(IoBackend backend)
    {
        const int sigusr2Bit = 1 << (Sys.SIGUSR2 - 1);
        foreach (string task in Directory.GetDirectories("/proc/self/task"))
        {
            string? line = File.ReadAllLines(Path.Combine(task, "status")).FirstOrDefault(l => l.StartsWith("SigBlk:", StringComparison.Ordinal));
            ulong blocked = line is null ? 0 : Convert.ToUInt64(line.Substring(7).Trim(), 16);
            Child.Expect((blocked & sigusr2Bit) != 0, $"SIGUSR2 blocked in thread {Path.GetFileName(task)} ({line})");
        }

        foreach (DeliveryMode mode in Enum.GetValues<DeliveryMode>())
        {
            using IoRing ring = Hostile.Create(backend, mode);
            int sfd = Round5.SignalFd(Sys.SIGUSR2);
            string outcome;
            try
            {
                Task scenario = Hostile.Run(ring, mode, async () =>
                {
                    // A read that waits for the signal, then one that finds it already pending.
                    for (int k = 0; k < 2; k++)
                    {
                        var info = new byte[128];
                        string target = Sys.Target(sfd)!;
                        int links = Sys.CountTargets(target);
                        if (k == 1)
                        {
                            Sys.kill(Environment.ProcessId, Sys.SIGUSR2);
                        }

                        var read = ring.ReadAsync(sfd, info).AsTask();
                        if (k == 0)
                        {
                            await Round5.InBackendHands(ring, read, sfd, target, links);
                            Sys.kill(Environment.ProcessId, Sys.SIGUSR2);
                        }

                        int n = await Hostile.Within(read, ring, $"the signalfd read ({(k == 0 ? "waiting" : "pending")})");
                        int signo = BitConverter.ToInt32(info, 0);
                        Child.Expect(n == 128 && signo == Sys.SIGUSR2, $"{backend} {mode} ({(k == 0 ? "waiting" : "pending")}): read {n} bytes, ssi_signo {signo}");
                    }
                });
                scenario.GetAwaiter().GetResult();
                outcome = "ended";
            }
            catch (Exception e)
            {
                outcome = e.GetType().Name + ": " + e.Message;
            }
            finally
            {
                Sys.close(sfd);
            }

            Child.Expect(outcome == "ended", $"{backend} {mode}: {outcome}");
        }

        Console.WriteLine("DONE");
        return 0;
    }

    internal static int NoFileChild(IoBackend backend)
    {
        Round5.PreparePool(8);

        // What printing and failing need loaded before no descriptor is left (assemblies are opened lazily).
        Console.WriteLine($"info: start {new ErrnoException(Errno.EMFILE, "warm-up").Message}");
        Console.Out.Flush();
        _ = Child.Outcome(Task.FromException<int>(new ErrnoException(Errno.EMFILE, "warm-up")));
        using (IoRing warm = IoRing.Create(new IoRingOptions { Backend = backend, Capacity = 8, Name = "hostile5-nofile-warm-up" }))
        {
            _ = Child.Outcome(Call(warm));
            _ = Child.Outcome(Nop(warm));
        }

        using var pipe = new RawPipe();
        var rings = new List<IoRing>();
        int highest = Round5.HighestFd();
        ulong original = Round5.SetNoFile((ulong)highest + 64);

        // Every free number below the limit taken, then 24 given back: the rings get those and no more.
        var filler = new List<int>();
        for (int fd; (fd = Sys.open("/dev/null", Sys.O_RDONLY | Sys.O_CLOEXEC, 0)) >= 0;)
        {
            filler.Add(fd);
        }

        filler.Take(24).ToList().ForEach(fd => Sys.close(fd));
        filler = filler.Skip(24).ToList();
        Exception? refusal = null;
        for (int i = 0; i < 64 && refusal is null; i++)
        {
            try
            {
                rings.Add(IoRing.Create(new IoRingOptions { Backend = backend, Capacity = 8, MaxWorkerThreads = 1, Name = $"hostile5-nofile-{i}" }));
            }
            catch (Exception e)
            {
                refusal = e;
            }
        }

        Console.WriteLine($"info: {rings.Count} rings, then: {refusal?.GetType().Name}: {refusal?.Message}");
        // An io_uring ring is a descriptor; AIO and worker rings may need none (their threads start on demand).
        Child.Expect(refusal is not null || backend != IoBackend.IoUring, "the kernel refused an io_uring ring within 64 with 24 descriptors free");
        if (refusal is not null)
        {
            Exception cause = refusal is InvalidOperationException { InnerException: { } inner } ? inner : refusal;
            Child.Expect(cause is ErrnoException { Errno: Errno.EMFILE or Errno.ENFILE or Errno.EAGAIN or Errno.ENOMEM }, $"the refusal is an ErrnoException naming the limit: {refusal}");
        }

        // Every earlier ring still works: a nop and a read of a byte already there.
        for (int i = 0; i < rings.Count; i++)
        {
            pipe.Put((byte)i);
            var buffer = new byte[1];
            string nop = Child.Outcome(Nop(rings[i]));
            string read = Child.Outcome(rings[i].ReadAsync(pipe.Read, buffer).AsTask());
            Child.Expect(nop == "result 0" && read == "result 1" && buffer[0] == (byte)i, $"ring {i} after the refusal: nop {nop}, read {read}");
        }

        // With every descriptor taken, a blocking call on a ring whose worker never started: its result, or a clear error.
        var hog = new List<int>();
        while (true)
        {
            int fd = Sys.open("/dev/null", Sys.O_RDONLY | Sys.O_CLOEXEC, 0);
            if (fd < 0)
            {
                break;
            }

            hog.Add(fd);
        }

        if (rings.Count > 0)
        {
            string call = Child.Outcome(Call(rings[^1]));
            Child.Expect(call is "result 7" or "EAGAIN" or "EMFILE", $"a blocking call with no descriptor left: {call}");
        }

        hog.ForEach(fd => Sys.close(fd));
        filler.ForEach(fd => Sys.close(fd));
        Round5.SetNoFile(original);
        using (IoRing again = IoRing.Create(new IoRingOptions { Backend = backend, Capacity = 8, Name = "hostile5-nofile-again" }))
        {
            Child.Expect(Child.Outcome(Nop(again)) == "result 0", "a ring created once descriptors are free works");
        }

        foreach (IoRing ring in rings)
        {
            ring.Dispose();
            Child.Expect(ring.Abandoned.Count == 0, $"{ring.Name} disposed without abandoning anything");
        }

        Console.WriteLine("DONE");
        return 0;
    }

    private static async Task<int> Call(IoRing ring) => (int)(await ring.RunBlockingAsync(0, static (ref int _) => 7)).Value;

    private static async Task<int> Nop(IoRing ring)
    {
        await ring.NopAsync();
        return 0;
    }

    internal static unsafe int MemlockChild(IoBackend backend)
    {
        // Drop CAP_IPC_LOCK (root ignores RLIMIT_MEMLOCK with it), then set the limit to 0.
        const int capget = 125, capset = 126, CAP_IPC_LOCK = 14;
        uint* header = stackalloc uint[2];
        uint* data = stackalloc uint[6];
        header[0] = 0x20080522;
        header[1] = 0;
        Sys.Check((int)Syscall(capget, (nint)header, (nint)data), "capget");
        data[0] &= ~(1u << CAP_IPC_LOCK);
        data[1] &= ~(1u << CAP_IPC_LOCK);
        Sys.Check((int)Syscall(capset, (nint)header, (nint)data), "capset");
        ulong* limits = stackalloc ulong[2];
        limits[0] = 0;
        limits[1] = 0;
        Sys.Check(Sys.setrlimit(Sys.RLIMIT_MEMLOCK, limits), "setrlimit(RLIMIT_MEMLOCK)");

        foreach (IoBackend choice in new[] { backend, IoBackend.Auto })
        {
            IoRing? ring = null;
            try
            {
                ring = IoRing.Create(new IoRingOptions { Backend = choice, Name = $"hostile5-memlock-{choice}" });
            }
            catch (ErrnoException e)
            {
                Child.Expect(choice != IoBackend.Auto && e.Syscall.Length > 0, $"{choice}: refused with {e.ErrnoName} from {e.Syscall}");
                continue;
            }
            catch (Exception e)
            {
                Child.Expect(false, $"{choice}: {e.GetType().Name}: {e.Message}");
                continue;
            }

            using (ring)
            {
                using var pipe = new RawPipe();
                var buffer = new byte[1];
                var read = ring.ReadAsync(pipe.Read, buffer).AsTask();
                pipe.Put(3);
                Child.Expect(Child.Outcome(read) == "result 1" && Child.Outcome(Nop(ring)) == "result 0", $"{choice}: works ({ring.BackendDescription})");
            }
        }

        Console.WriteLine("DONE");
        return 0;
    }

    [DllImport("libc", EntryPoint = "syscall", SetLastError = true)]
    private static extern nint Syscall(nint number, nint a, nint b);

    internal static int ManyChild(IoBackend backend)
    {
        // 300 per backend in the normal run (the folder's time budget), 5000 with ASYNCSYS_HOSTILE_LONG=1.
        int rounds = Hostile.Rounds(300, 5000);
        using var pipe = new RawPipe();

        // One ring first, so lazily created process-wide things (signal handlers, the timer thread) are in the baseline.
        using (IoRing first = IoRing.Create(new IoRingOptions { Backend = backend, Capacity = 8 }))
        {
            Nop(first).GetAwaiter().GetResult();
        }

        Dictionary<int, string> baseline = Sys.Descriptors(Environment.ProcessId);
        int fdsBefore = baseline.Count, fdsAt500 = fdsBefore;
        static int RingKinds() => Sys.Descriptors(Environment.ProcessId).Values.Count(t => t.StartsWith("anon_inode:", StringComparison.Ordinal));
        int ringKindsBefore = RingKinds();
        int threadsBefore = Round5.Threads();
        var buffer = new byte[1];
        for (int i = 0; i < rounds; i++)
        {
            using IoRing ring = IoRing.Create(new IoRingOptions { Backend = backend, Capacity = 8, Name = $"hostile5-many-{i % 16}" });
            pipe.Put((byte)i);
            int n = ring.ReadAsync(pipe.Read, buffer).AsTask().GetAwaiter().GetResult();
            if (n != 1 || buffer[0] != (byte)i)
            {
                Child.Expect(false, $"ring {i}: read {n} byte {buffer[0]}");
                break;
            }

            if (i == (rounds / 3) - 1)
            {
                fdsAt500 = Sys.Descriptors(Environment.ProcessId).Count;
            }
        }

        var clock = Stopwatch.StartNew();
        while ((RingKinds() > ringKindsBefore || Round5.Threads() > threadsBefore + 2) && clock.Elapsed < Hostile.Bound)
        {
            Thread.Sleep(50);
        }

        var before = baseline;
        int fdsAfter = Sys.Descriptors(Environment.ProcessId).Count;
        Console.WriteLine("info: descriptors now and not in the baseline: " + string.Join(", ", Sys.Descriptors(Environment.ProcessId).Where(p => !before.TryGetValue(p.Key, out string? t) || t != p.Value).Select(p => $"{p.Key} -> {p.Value}")));
        int threadsAfter = Round5.Threads();
        Child.Expect(RingKinds() <= ringKindsBefore, $"{rounds} rings: {RingKinds()} ring-kind descriptors (io_uring, eventfd, anonymous inodes) after, {ringKindsBefore} before");
        Child.Expect(fdsAfter <= fdsAt500 + 4, $"{rounds} rings: {fdsAfter} descriptors after, {fdsAt500} after the first third (the runtime opens files lazily, so only growth per ring counts)");
        Child.Expect(threadsAfter <= threadsBefore + 2, $"{rounds} rings: {threadsAfter} threads after, {threadsBefore} before");
        Console.WriteLine("DONE");
        return 0;
    }
}
