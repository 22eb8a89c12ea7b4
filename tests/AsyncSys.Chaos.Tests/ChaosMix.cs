using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Win32.SafeHandles;

namespace AsyncSys.Chaos.Tests;

/// <summary>What one randomized mix did, for the report and the assertions.</summary>
internal sealed class ChaosReport
{
    public long Submitted;
    public long Completed;
    public long Succeeded;
    public long Cancelled;
    public long Disposed;
    public long Errno;
    public long RefusedAtSubmit;
    public long ControlCalls;
    public long Rings;
    public long SlowestDisposeMs;
    public readonly ConcurrentQueue<string> Defects = new();

    /// <summary>Records a defect (the first 20 are kept in full; the rest are counted).</summary>
    public void Defect(string text)
    {
        if (Interlocked.Increment(ref _defectCount) <= 20)
        {
            Defects.Enqueue(text);
        }
    }

    private int _defectCount;

    public int DefectCount => Volatile.Read(ref _defectCount);

    public override string ToString() =>
        $"{Rings} rings, {Submitted} submitted, {Completed} completed ({Succeeded} ok, {Cancelled} cancelled, {Disposed} disposed, {Errno} errno), " +
        $"{RefusedAtSubmit} refused at submit, {ControlCalls} control calls, slowest Dispose {SlowestDisposeMs} ms, {DefectCount} defects";
}

/// <summary>
/// A randomized mix of submit / cancel / CancelAll / CancelByFd / Quiesce / Dispose from many threads on
/// one backend, ring after ring, with an account of every operation: each one submitted completes exactly
/// once (its await ends once, with a result or one of the documented exceptions), nothing is left in flight,
/// and the ring's threads are gone after Dispose.
/// </summary>
internal static partial class ChaosMix
{
    public const string ThreadPrefix = "cx";
    private const int Actors = 6;
    private const int PipeCount = 4;
    private const int RecordSize = 512;

    [LibraryImport("libc", EntryPoint = "pipe2", SetLastError = true)]
    private static unsafe partial int Pipe2(int* fds, int flags);

    [LibraryImport("libc", EntryPoint = "write", SetLastError = true)]
    private static unsafe partial nint Write(int fd, byte* buffer, nuint count);

    [LibraryImport("libc", EntryPoint = "read", SetLastError = true)]
    private static unsafe partial nint Read(int fd, byte* buffer, nuint count);

    [LibraryImport("libc", EntryPoint = "fcntl", SetLastError = true)]
    private static partial int Fcntl(int fd, int command, int argument);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    private static partial int Close(int fd);

    private sealed class Pipes : IDisposable
    {
        public readonly int[] ReadFds = new int[PipeCount];
        public readonly int[] WriteFds = new int[PipeCount];

        public unsafe Pipes()
        {
            int* fds = stackalloc int[2];
            for (int i = 0; i < PipeCount; i++)
            {
                // O_NONBLOCK (0x800, F_SETFL = 4) on the write end only: the actors' own writes never block,
                // and reads on the read end really wait (the ring's, and the offloaded read(2) that only an
                // interrupt stops).
                if (Pipe2(fds, 0x80000) != 0 || Fcntl(fds[1], 4, 0x800) != 0)
                {
                    throw new InvalidOperationException("pipe2/fcntl failed: errno " + Marshal.GetLastPInvokeError());
                }

                ReadFds[i] = fds[0];
                WriteFds[i] = fds[1];
            }
        }

        public void Dispose()
        {
            foreach (int fd in ReadFds.Concat(WriteFds))
            {
                Close(fd);
            }
        }
    }

    /// <summary>Runs rings on <paramref name="backend"/> for <paramref name="duration"/>; defects are in the report.</summary>
    public static async Task<ChaosReport> RunAsync(IoBackend backend, int seed, TimeSpan duration, TimeSpan ringLifetime)
    {
        var report = new ChaosReport();
        string path = Path.Combine(Path.GetTempPath(), "asyncsys-chaos-" + Guid.NewGuid().ToString("N"));
        using var pipes = new Pipes();
        using (SafeFileHandle file = File.OpenHandle(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, FileOptions.DeleteOnClose, preallocationSize: 64 * RecordSize))
        {
            var clock = Stopwatch.StartNew();
            int round = 0;
            while (clock.Elapsed < duration)
            {
                await RunRingAsync(backend, seed + round, ringLifetime, pipes, file, report).ConfigureAwait(false);
                round++;
            }
        }

        int left = ProcessBaseline.WaitForNoThreadsNamed(ThreadPrefix + " ", TimeSpan.FromSeconds(10));
        if (left != 0)
        {
            report.Defect($"{left} ring/worker threads still alive after every ring was disposed");
        }

        return report;
    }

    private static async Task RunRingAsync(IoBackend backend, int seed, TimeSpan lifetime, Pipes pipes, SafeFileHandle file, ChaosReport report)
    {
        var random = new Random(seed);
        IoRing ring = IoRing.Create(new IoRingOptions
        {
            Backend = backend,
            Capacity = random.Next(2) == 0 ? 16 : 128,
            MaxWorkerThreads = 4,
            Name = ThreadPrefix,
            DisposeTimeout = TimeSpan.FromSeconds(20),
        });
        Interlocked.Increment(ref report.Rings);
        var outstanding = new ConcurrentBag<Task>();
        var tokens = new ConcurrentQueue<CancellationTokenSource>();
        using var stop = new CancellationTokenSource();
        int disposeAfterMs = (int)(lifetime.TotalMilliseconds * (0.5 + (random.NextDouble() * 0.4)));
        // Dedicated threads, not thread-pool tasks: the actors block (quiesce waits), and a starved pool would
        // slow the completions we are accounting for.
        var actors = new Thread[Actors];
        for (int a = 0; a < Actors; a++)
        {
            var actorRandom = new Random(HashCode.Combine(seed, a));
            actors[a] = new Thread(() => Act(ring, actorRandom, pipes, file, outstanding, tokens, report, stop.Token)) { IsBackground = true, Name = "chaos actor" };
            actors[a].Start();
        }

        await Task.Delay(disposeAfterMs).ConfigureAwait(false);

        // Dispose while the actors are still submitting and cancelling: they see ObjectDisposedException.
        var disposing = Stopwatch.StartNew();
        await Task.Run(ring.Dispose).ConfigureAwait(false);
        report.SlowestDisposeMs = Math.Max(report.SlowestDisposeMs, disposing.ElapsedMilliseconds);
        Interlocked.Increment(ref report.ControlCalls);
        stop.Cancel();
        foreach (Thread actor in actors)
        {
            actor.Join();
        }

        Task all = Task.WhenAll(outstanding);
        if (await Task.WhenAny(all, Task.Delay(TimeSpan.FromSeconds(30))).ConfigureAwait(false) != all)
        {
            report.Defect($"seed {seed}: {outstanding.Count(t => !t.IsCompleted)} operations never completed after Dispose (in flight: {ring.InFlightCount})");
            return;
        }

        if (ring.InFlightCount != 0)
        {
            report.Defect($"seed {seed}: InFlightCount is {ring.InFlightCount} after every operation completed");
        }

        if (ring.Abandoned.Count != 0)
        {
            report.Defect($"seed {seed}: Dispose abandoned {ring.Abandoned.Count} operations: " + string.Join(", ", ring.Abandoned.Select(o => o.Operation)));
        }

        while (tokens.TryDequeue(out CancellationTokenSource? cts))
        {
            cts.Dispose();
        }
    }

    private static unsafe void Act(IoRing ring, Random random, Pipes pipes, SafeFileHandle file, ConcurrentBag<Task> outstanding, ConcurrentQueue<CancellationTokenSource> tokens, ChaosReport report, CancellationToken stop)
    {
        byte* scratch = stackalloc byte[64];
        while (!stop.IsCancellationRequested)
        {
            int dice = random.Next(100);
            try
            {
                if (dice < 55)
                {
                    Submit(ring, random, pipes, file, outstanding, tokens, report);
                }
                else if (dice < 70)
                {
                    if (tokens.TryDequeue(out CancellationTokenSource? cts))
                    {
                        cts.Cancel();
                        tokens.Enqueue(cts);
                    }
                }
                else if (dice < 82)
                {
                    int pipe = random.Next(PipeCount);
                    Write(pipes.WriteFds[pipe], scratch, (nuint)random.Next(1, 64)); // EAGAIN on a full pipe is fine
                }
                else if (dice < 87)
                {
                    Interlocked.Increment(ref report.ControlCalls);
                    ring.CancelAll();
                }
                else if (dice < 93)
                {
                    Interlocked.Increment(ref report.ControlCalls);
                    ring.CancelByFd(random.Next(2) == 0 ? pipes.ReadFds[random.Next(PipeCount)] : (int)file.DangerousGetHandle());
                }
                else if (dice < 96)
                {
                    Interlocked.Increment(ref report.ControlCalls);
                    try
                    {
                        using QuiesceResult quiesced = ring.QuiesceAsync(TimeSpan.FromMilliseconds(random.Next(1, 30))).AsTask().GetAwaiter().GetResult();
                    }
                    catch (InvalidOperationException ex) when (ex is not IoRingQuiescedException && ex.Message.Contains("already quiesced", StringComparison.Ordinal))
                    {
                        // Documented: one quiesce at a time; another actor's was in progress.
                    }
                }
                else
                {
                    Interlocked.Increment(ref report.ControlCalls);
                    _ = ring.GetInFlightOperations().Count;
                }
            }
            catch (ObjectDisposedException)
            {
                Interlocked.Increment(ref report.RefusedAtSubmit);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                report.Defect($"control call threw {ex.GetType().Name}: {ex.Message}\n{ex.StackTrace}");
            }
        }
    }

    private static void Submit(IoRing ring, Random random, Pipes pipes, SafeFileHandle file, ConcurrentBag<Task> outstanding, ConcurrentQueue<CancellationTokenSource> tokens, ChaosReport report)
    {
        CancellationToken token = default;
        if (random.Next(3) != 0)
        {
            var cts = new CancellationTokenSource();
            if (random.Next(4) == 0)
            {
                cts.CancelAfter(random.Next(1, 20));
            }

            tokens.Enqueue(cts);
            token = cts.Token;
        }

        int pipe = random.Next(PipeCount);
        long offset = random.Next(64) * (long)RecordSize;
        Task operation = random.Next(11) switch
        {
            0 => ring.NopAsync(token).AsTask(),
            1 => ring.ReadAsync(pipes.ReadFds[pipe], new byte[random.Next(0, 128)], token).AsTask(),
            2 => ring.WriteAtMostAsync(pipes.WriteFds[pipe], new byte[random.Next(1, 64)], token).AsTask(),
            3 => ring.ReadAsync(file, new byte[RecordSize], offset, token).AsTask(),
            4 => ring.WriteAtMostAsync(file, new byte[RecordSize], offset, token).AsTask(),
            5 => ring.FsyncAsync(file, token).AsTask(),
            6 => ring.DelayAsync(TimeSpan.FromMilliseconds(random.Next(1, 20)), token).AsTask(),
            7 => ring.PollAsync(pipes.ReadFds[pipe], PollEvents.In, token).AsTask(),
            8 => ring.SubmitAsync(RingRequest.Read(pipes.ReadFds[pipe], new byte[32], -1).WithTimeout(TimeSpan.FromMilliseconds(random.Next(1, 30))), token).AsTask(),
            9 => ring.ReadAsync(pipes.ReadFds[pipe], new byte[4096], 0, token).AsTask(),
            _ => ring.RunBlockingAsync(pipes.ReadFds[pipe], static (ref int fd) => BlockingRead(fd), static call => call.InterruptWorker(), token).AsTask(),
        };
        Interlocked.Increment(ref report.Submitted);
        outstanding.Add(Account(operation, report));
    }

    private static unsafe long BlockingRead(int fd)
    {
        byte b;
        return Read(fd, &b, 1); // blocks on an empty pipe: only the cancel hook's interrupt (or a write) ends it
    }

    private static async Task Account(Task operation, ChaosReport report)
    {
        try
        {
            await operation.ConfigureAwait(false);
            Interlocked.Increment(ref report.Succeeded);
        }
        catch (ObjectDisposedException)
        {
            Interlocked.Increment(ref report.Disposed);
        }
        catch (OperationCanceledException)
        {
            Interlocked.Increment(ref report.Cancelled);
        }
        catch (ErrnoException)
        {
            Interlocked.Increment(ref report.Errno);
        }
        catch (Exception ex)
        {
            report.Defect($"an operation ended with {ex.GetType().Name}: {ex.Message}\n{ex.StackTrace}");
        }

        Interlocked.Increment(ref report.Completed);
    }
}
