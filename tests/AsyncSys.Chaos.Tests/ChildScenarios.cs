using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Win32.SafeHandles;

namespace AsyncSys.Chaos.Tests;

/// <summary>
/// Scenarios run in a child process (see <see cref="Program"/>); each prints lines the parent checks and
/// exits 0 only if it saw no defect (a defect line starts with "DEFECT").
/// </summary>
internal static partial class ChildScenarios
{
    [LibraryImport("libc", EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    private static partial int Close(int fd);

    [LibraryImport("libc", EntryPoint = "read", SetLastError = true)]
    private static unsafe partial nint Read(int fd, byte* buffer, nuint count);

    [LibraryImport("libc", EntryPoint = "pipe2", SetLastError = true)]
    private static unsafe partial int Pipe2(int* fds, int flags);

    [LibraryImport("libc", EntryPoint = "sigaction", SetLastError = true)]
    private static unsafe partial int SigAction(int signal, void* action, void* old);

    [LibraryImport("libc", EntryPoint = "__libc_current_sigrtmax")]
    private static partial int SigRtMax();

    public static Task<int> RunAsync(string scenario, string[] args) => scenario switch
    {
        "fd-exhaustion" => FdExhaustionAsync(Enum.Parse<IoBackend>(args[0])),
        "fsync-writer" => FsyncWriterAsync(Enum.Parse<IoBackend>(args[0]), args[1]),
        "interrupt-signal-taken" => InterruptSignalTakenAsync(),
        "dispose-async-pool" => Task.FromResult(DisposeAsyncKeepsThePoolFree()),
        _ => Task.FromResult(Usage(scenario)),
    };

    private static int Usage(string scenario)
    {
        Console.Error.WriteLine($"unknown scenario '{scenario}': fd-exhaustion BACKEND | fsync-writer BACKEND PATH | interrupt-signal-taken | dispose-async-pool");
        return 2;
    }

    private static int _defects;

    private static void Report(string line)
    {
        if (line.StartsWith("DEFECT", StringComparison.Ordinal))
        {
            Interlocked.Increment(ref _defects);
        }

        Console.WriteLine(line);
        Console.Out.Flush();
    }

    /// <summary>
    /// With the thread pool capped at one thread per processor, more rings than that are disposed with DisposeAsync
    /// while each has a call that ends only when released: a disposal that held a pool thread while it drained would
    /// leave none for other work. Runs on the main thread, synchronously, so nothing here needs the pool itself.
    /// </summary>
    private static int DisposeAsyncKeepsThePoolFree()
    {
        int threads = Environment.ProcessorCount;
        if (!ThreadPool.SetMinThreads(1, 1) || !ThreadPool.SetMaxThreads(threads, threads))
        {
            Report("DEFECT could not cap the thread pool");
            return 1;
        }

        using var release = new ManualResetEventSlim(false);
        List<IoRing> rings = Enumerable.Range(0, threads + 2)
            .Select(i => IoRing.Create(new IoRingOptions { Name = "dispose-" + i, DisposeTimeout = TimeSpan.FromSeconds(60) }))
            .ToList();
        Task[] calls = rings.Select(ring => (Task)ring.RunBlockingAsync(release, static (ref ManualResetEventSlim r) =>
        {
            r.Wait();
            return 1;
        }).AsTask()).ToArray();
        bool started = SpinWait.SpinUntil(() => rings.All(r => r.GetInFlightOperations().Any(o => o.State == InFlightState.OnWorker)), TimeSpan.FromSeconds(30));
        Report(started ? "calls: running" : "DEFECT the calls never started");

        Task[] disposals = rings.Select(ring => ring.DisposeAsync().AsTask()).ToArray();
        bool poolFree = Task.Run(() => 1).Wait(TimeSpan.FromSeconds(10));
        Report(poolFree ? "pool: free while the disposals wait" : "DEFECT pool: every thread is held by a disposal");
        Report(disposals.Any(d => d.IsCompleted) ? "DEFECT a disposal finished before its call" : "disposals: waiting for their calls");

        release.Set();
        bool done = Task.WaitAll(calls, TimeSpan.FromSeconds(30)) && Task.WaitAll(disposals, TimeSpan.FromSeconds(30));
        Report(done && rings.All(r => r.Abandoned.Count == 0) ? "disposals: done, nothing abandoned" : "DEFECT the disposals did not finish after their calls");
        return _defects == 0 ? 0 : 1;
    }

    /// <summary>
    /// Runs under a low RLIMIT_NOFILE (prlimit). With 0 to 3 descriptors left, creating a ring either works or
    /// throws ErrnoException, and leaves nothing behind; Auto falls back; an operation that needs a worker
    /// thread that cannot start fails with ErrnoException and gives its slot back; once descriptors are free
    /// again everything works, and the process ends with the descriptors it started with.
    /// </summary>
    private static async Task<int> FdExhaustionAsync(IoBackend backend)
    {
        string path = Path.Combine(Path.GetTempPath(), "asyncsys-fdx-" + Guid.NewGuid().ToString("N"));
        File.WriteAllBytes(path, Enumerable.Range(0, 4096).Select(i => (byte)i).ToArray());
        using SafeFileHandle file = File.OpenHandle(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None, FileOptions.DeleteOnClose);
        // Warm up first: with no descriptor left the runtime cannot even load an assembly, so every code path
        // the scenario uses (each backend, each operation, each exception) runs once beforehand.
        foreach (IoBackend warm in new[] { IoBackend.IoUring, IoBackend.LinuxAio, IoBackend.Workers })
        {
            using IoRing ring = IoRing.Create(new IoRingOptions { Backend = warm, Capacity = 8, Name = "fdx" });
            await TryOperationsAsync(ring, file, "warm-up " + warm, mustSucceed: true).ConfigureAwait(false);
        }

        if (!Thread.CurrentThread.IsThreadPoolThread)
        {
            await Task.Yield(); // see below, before the last count
        }

        try
        {
            throw new ErrnoException(Errno.EMFILE, "warm-up");
        }
        catch (ErrnoException ex)
        {
            Report($"warm-up: {ex.Syscall} {ex.ErrnoName} {new OutOfMemoryException().Message.Length} {ProcessBaseline.WaitForNoThreadsNamed("fdx ", TimeSpan.FromSeconds(10))}");
        }

        int fdsBefore = ProcessBaseline.Take().Descriptors;
        string descriptorsBefore = ProcessBaseline.DescribeDescriptors();
        int aioBefore = AioMappings();
        for (int free = 0; free <= 3; free++)
        {
            if (!StartAndCapPoolThreads())
            {
                return 1;
            }

            var filler = new List<int>();
            int fd;
            while ((fd = Open("/dev/null", 0x80000)) >= 0)
            {
                filler.Add(fd);
            }

            for (int i = 0; i < free && filler.Count > 0; i++)
            {
                Close(filler[^1]);
                filler.RemoveAt(filler.Count - 1);
            }

            IoRing? ring = null;
            try
            {
                ring = IoRing.Create(new IoRingOptions { Backend = backend, Capacity = 8, Name = "fdx" });
                Report($"free {free}: create ok {ring.Backend} ({ring.BackendDescription})");
            }
            catch (ErrnoException ex)
            {
                Report($"free {free}: create refused {ex.Syscall} {ex.ErrnoName}");
            }
            catch (Exception ex)
            {
                Report($"DEFECT free {free}: create threw {ex.GetType().Name}: {ex.Message}");
            }

            if (ring is not null)
            {
                await TryOperationsAsync(ring, file, $"free {free} limited").ConfigureAwait(false);
            }

            foreach (int f in filler)
            {
                Close(f);
            }

            if (ring is not null)
            {
                await TryOperationsAsync(ring, file, $"free {free} released", mustSucceed: true).ConfigureAwait(false);
                ring.Dispose();
            }
        }

        using (IoRing ring = IoRing.Create(new IoRingOptions { Backend = backend, Capacity = 8, Name = "fdx" }))
        {
            await TryOperationsAsync(ring, file, "afterwards", mustSucceed: true).ConfigureAwait(false);
        }

        // Continue on a pool thread. After an await this code may run on a ring's delivery thread (awaiters resume there as
        // on a pool thread) and, after disposing that ring, go on running there: the thread ends once this code leaves it,
        // and until then a count of the rings' threads counts the very thread that counts (the "1 ring threads left" of a
        // clean-clone CI run with the delivery thread on). Task.Yield itself, not an async helper around it: the pool may
        // finish such a helper before its caller looks, and the caller then goes on where it was.
        if (!Thread.CurrentThread.IsThreadPoolThread)
        {
            await Task.Yield(); // no context here: resumes on the pool
        }

        int leftThreads = ProcessBaseline.WaitForNoThreadsNamed("fdx ", TimeSpan.FromSeconds(10));
        // Bounded, like the thread count above: .NET starts every thread with a pipe of its own (two descriptors) and reads
        // /sys/devices/system/cpu/possible, closed once the thread runs, so a count taken as any thread of the process
        // starts is two or three above the baseline with nothing left behind (sampled while threads start: +2 in most
        // samples). The "2 descriptors" of the clean-clone CI run fit that: one instant's count, not a leak.
        int fdsAfter = ProcessBaseline.WaitForDescriptorsAtMost(fdsBefore, TimeSpan.FromSeconds(10));
        Report(fdsAfter <= fdsBefore
            ? "descriptors: back to baseline"
            : $"DEFECT descriptors: {fdsBefore} before, {fdsAfter} after\nbefore:\n{descriptorsBefore}\nafter:\n{ProcessBaseline.DescribeDescriptors()}");
        Report(AioMappings() <= aioBefore ? "aio contexts: back to baseline" : $"DEFECT aio contexts: {aioBefore} before, {AioMappings()} after");
        Report(leftThreads == 0 ? "threads: none left" : $"DEFECT threads: {leftThreads} ring threads left: {ProcessBaseline.DescribeThreadsNamed("fdx ")}");
        return _defects == 0 ? 0 : 1;
    }

    /// <summary>
    /// With no descriptor free no thread can start (each new thread reads /sys/devices/system/cpu/possible), and
    /// .NET's own thread pool then ends the process: on .NET 10 an OutOfMemoryException from Thread.Start escapes
    /// its dispatch loop and prints "Out of memory." (dotnet/runtime#13437). That happens whenever the pool wants one
    /// more worker than it has, which CPU load makes likely (its starvation check adds one). What is tested here is
    /// AsyncSys, not the pool: before each window without descriptors the pool's workers are all started and the
    /// pool is capped at that number, so it never needs a new thread inside the window. Started anew each time
    /// because an idle worker leaves after 20 s.
    /// </summary>
    private static bool StartAndCapPoolThreads()
    {
        int threads = Math.Max(4, Environment.ProcessorCount);
        ThreadPool.GetMinThreads(out _, out int minIo);
        ThreadPool.GetMaxThreads(out _, out int maxIo);
        if (!ThreadPool.SetMaxThreads(threads, maxIo) || !ThreadPool.SetMinThreads(threads, minIo))
        {
            Report("DEFECT could not cap the thread pool at " + threads);
            return false;
        }

        // Every other worker takes one item and holds it until all have one: then all of them exist and have just
        // worked. After the scenario's first await this method runs on a pool worker (counted) or on a ring's delivery
        // thread (not a pool thread: every worker is queued an item).
        // Not disposed: a worker may still be leaving Wait when this method returns.
        int others = Thread.CurrentThread.IsThreadPoolThread ? threads - 1 : threads;
        var allRunning = new CountdownEvent(others);
        var release = new ManualResetEventSlim(false);
        for (int i = 0; i < others; i++)
        {
            ThreadPool.UnsafeQueueUserWorkItem(
                static state =>
                {
                    state.AllRunning.Signal();
                    state.Release.Wait();
                },
                (AllRunning: allRunning, Release: release),
                preferLocal: false);
        }

        bool started = allRunning.Wait(TimeSpan.FromSeconds(30));
        release.Set();
        if (!started)
        {
            Report($"DEFECT the thread pool did not start {threads} workers");
            return false;
        }

        return true;
    }

    private static async Task TryOperationsAsync(IoRing ring, SafeFileHandle file, string phase, bool mustSucceed = false)
    {
        var buffer = new byte[128];
        var operations = new (string Name, Func<Task> Run)[]
        {
            ("nop", () => ring.NopAsync().AsTask()),
            ("pread", async () =>
            {
                int n = await ring.ReadAsync(file, buffer, 100).ConfigureAwait(false);
                if (n != 128 || buffer[0] != 100)
                {
                    Report($"DEFECT {phase}: pread returned {n} bytes starting {buffer[0]}");
                }
            }),
            ("fsync", () => ring.FsyncAsync(file).AsTask()),
            ("timer", () => ring.DelayAsync(TimeSpan.FromMilliseconds(5)).AsTask()),
            ("blocking", () => ring.RunBlockingAsync(1, static (ref int s) => s).AsTask()),
        };
        foreach ((string name, Func<Task> run) in operations)
        {
            Task task;
            try
            {
                task = run();
            }
            catch (ErrnoException ex) when (!mustSucceed)
            {
                Report($"{phase} {name}: refused at submit {ex.Syscall} {ex.ErrnoName}");
                continue;
            }
            catch (Exception ex)
            {
                Report($"DEFECT {phase} {name}: submit threw {ex.GetType().Name}: {ex.Message}");
                continue;
            }

            if (await Task.WhenAny(task, Task.Delay(TimeSpan.FromSeconds(20))).ConfigureAwait(false) != task)
            {
                Report($"DEFECT {phase} {name}: HANG");
                continue;
            }

            if (task.Exception?.InnerException is { } error)
            {
                Report(error is ErrnoException errno && !mustSucceed
                    ? $"{phase} {name}: refused {errno.Syscall} {errno.ErrnoName}"
                    : $"DEFECT {phase} {name}: {error.GetType().Name}: {error.Message}");
            }
            else
            {
                Report($"{phase} {name}: ok");
            }
        }

        if (ring.InFlightCount != 0)
        {
            Report($"DEFECT {phase}: {ring.InFlightCount} still in flight");
        }
    }

    private static int AioMappings() => File.ReadAllLines("/proc/self/maps").Count(l => l.Contains("/[aio]", StringComparison.Ordinal));

    /// <summary>
    /// Writes 512-byte records, each fsync'd, and prints "ACK n" once record n's fsync has completed. The parent
    /// kills the process with SIGKILL at a random moment and checks every acknowledged record.
    /// </summary>
    private static async Task<int> FsyncWriterAsync(IoBackend backend, string path)
    {
        using IoRing ring = IoRing.Create(new IoRingOptions { Backend = backend, Name = "fsw" });
        using SafeFileHandle file = File.OpenHandle(path, FileMode.OpenOrCreate, FileAccess.ReadWrite);
        var record = new byte[FsyncRecord.Size];
        for (long n = 0; ; n++)
        {
            FsyncRecord.Fill(record, n);
            await ring.WriteAsync(file, record, n * FsyncRecord.Size).ConfigureAwait(false);
            await ring.FsyncAsync(file).ConfigureAwait(false);
            Console.WriteLine("ACK " + n);
            Console.Out.Flush();
        }
    }

    /// <summary>
    /// Another library already owns SIGRTMAX-1: the worker interrupt must leave its handler alone, use a free
    /// real-time signal instead, and still stop a blocked call.
    /// </summary>
    private static async Task<int> InterruptSignalTakenAsync()
    {
        int taken = SigRtMax() - 1;
        nint theirs = NativeLibrary.GetExport(NativeLibrary.GetMainProgramHandle(), "getppid");
        if (!InstallHandler(taken, theirs))
        {
            Report("DEFECT could not install the other library's handler");
            return 1;
        }

        (int readFd, int writeFd) = CreatePipe();
        using var ring = IoRing.Create(new IoRingOptions { Backend = IoBackend.Workers, Name = "sig" });
        using var cts = new CancellationTokenSource();
        Task<BlockingResult<int>> call = ring.RunBlockingAsync(readFd, static (ref int fd) => ReadOne(fd), static c => c.InterruptWorker(), cts.Token).AsTask();
        await Task.Delay(100).ConfigureAwait(false);
        cts.Cancel();
        try
        {
            await call.WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
            Report("DEFECT the blocked read returned instead of being cancelled");
        }
        catch (OperationCanceledException)
        {
            Report("blocked call: cancelled");
        }
        catch (TimeoutException)
        {
            Report("DEFECT the blocked read was never interrupted");
        }

        Report(CurrentHandler(taken) == theirs ? "their handler: kept" : "DEFECT their handler on SIGRTMAX-1 was replaced");
        Close(readFd);
        Close(writeFd);
        return _defects == 0 ? 0 : 1;
    }

    // struct sigaction (glibc, musl; x86-64, arm64): sa_handler at 0, sa_flags at 136.
    private static unsafe bool InstallHandler(int signal, nint handler)
    {
        byte* action = stackalloc byte[256];
        new Span<byte>(action, 256).Clear();
        *(nint*)action = handler;
        *(int*)(action + 136) = 0x10000000; // SA_RESTART
        return SigAction(signal, action, null) == 0;
    }

    private static unsafe nint CurrentHandler(int signal)
    {
        byte* now = stackalloc byte[256];
        new Span<byte>(now, 256).Clear();
        return SigAction(signal, null, now) == 0 ? *(nint*)now : -1;
    }

    private static unsafe (int Read, int Write) CreatePipe()
    {
        int* fds = stackalloc int[2];
        if (Pipe2(fds, 0x80000) != 0)
        {
            throw new InvalidOperationException("pipe2 failed: errno " + Marshal.GetLastPInvokeError());
        }

        return (fds[0], fds[1]);
    }

    private static unsafe long ReadOne(int fd)
    {
        byte b;
        return Read(fd, &b, 1);
    }
}

/// <summary>A self-checking 512-byte record: its number, a payload derived from it, and a checksum.</summary>
internal static class FsyncRecord
{
    public const int Size = 512;

    public static void Fill(byte[] record, long n)
    {
        BitConverter.TryWriteBytes(record.AsSpan(0, 8), n);
        for (int i = 8; i < Size - 8; i++)
        {
            record[i] = (byte)((n * 31) + i);
        }

        BitConverter.TryWriteBytes(record.AsSpan(Size - 8), Checksum(record));
    }

    public static bool IsIntact(ReadOnlySpan<byte> record, long n) =>
        record.Length == Size && BitConverter.ToInt64(record[..8]) == n && BitConverter.ToUInt64(record[(Size - 8)..]) == Checksum(record);

    private static ulong Checksum(ReadOnlySpan<byte> record)
    {
        ulong hash = 14695981039346656037;
        foreach (byte b in record[..(Size - 8)])
        {
            hash = (hash ^ b) * 1099511628211;
        }

        return hash;
    }
}
