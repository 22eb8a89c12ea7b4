using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;

namespace AsyncSys.Runtime.Tests.Hostile;

/// <summary>
/// Running out: more operations than the table and the completion queue hold, a worker pool full of calls that never
/// return by themselves, and the process's descriptor limit reached mid-run (in a child process).
/// </summary>
public sealed class ExhaustionTests
{
    [Theory]
    [MemberData(nameof(DeliveryModes.Matrix), MemberType = typeof(DeliveryModes))]
    public async Task Far_more_operations_than_the_table_and_completion_queue_hold_each_end_once_with_their_own_bytes(IoBackend backend, DeliveryMode mode)
    {
        // Capacity 8 with the smallest completion queue io_uring accepts for it (64 entries).
        using IoRing ring = Hostile.Create(backend, mode, o => o.CompletionQueueEntries = backend == IoBackend.IoUring ? 64 : 0, capacity: 8);
        using var counts = new ImmediateAttemptTests.RingCounts(ring.Name);
        var pipes = Enumerable.Range(0, 50).Select(_ => new RawPipe()).ToArray();
        using var idle = new RawPipe();
        var ledger = new Ledger();
        int perPipe = 4;

        for (int i = 0; i < pipes.Length; i++)
        {
            pipes[i].Put(Enumerable.Range(0, perPipe).Select(k => (byte)((i * perPipe) + k + 1)).ToArray());
        }

        var got = new byte[pipes.Length][];
        await Hostile.Run(ring, mode, async () =>
        {
            var ops = new List<Task>();
            for (int i = 0; i < pipes.Length; i++)
            {
                int pipe = i;
                got[pipe] = new byte[perPipe];
                for (int k = 0; k < perPipe; k++)
                {
                    int slot = k;
                    ops.Add(ledger.Track(() => ring.ReadAsync(pipes[pipe].Read, got[pipe].AsMemory(slot, 1)), "read"));
                }

                ops.Add(ledger.Track(() => ring.NopAsync(), "nop"));
                ops.Add(ledger.Track(() => ring.SubmitAsync(RingRequest.Poll(idle.Read, PollEvents.In).WithTimeout(TimeSpan.FromMilliseconds(1))), "poll with a deadline"));
                if (i % 10 == 0)
                {
                    ring.CancelAll();
                }
            }

            await Task.WhenAll(ops);
        });

        ledger.AssertEachEndedOnce();
        Assert.Equal(0, ring.InFlightCount);
        Assert.Equal(counts["asyncsys.ops.submitted"], counts["asyncsys.ops.completed"] + counts["asyncsys.ops.cancelled"] + counts["asyncsys.ops.failed"]);

        // Bytes are 1..200, so 0 is a slot no read filled. Reads a CancelAll ended took nothing; every byte is either in a buffer of its own pipe or still in that pipe.
        for (int i = 0; i < pipes.Length; i++)
        {
            byte[] left = Sys.Take(pipes[i].Read, 64);
            byte[] read = got[i].Where(b => b != 0).ToArray();
            var all = read.Concat(left).OrderBy(b => b).ToArray();
            Assert.Equal(Enumerable.Range(0, perPipe).Select(k => (byte)((i * perPipe) + k + 1)).ToArray(), all);
            pipes[i].Dispose();
        }
    }

    private static unsafe long BlockingRead(ref int fd)
    {
        byte b;
        return Sys.read(fd, &b, 1);
    }

    [Theory]
    [MemberData(nameof(DeliveryModes.Matrix), MemberType = typeof(DeliveryModes))]
    public async Task A_worker_pool_saturated_by_calls_that_never_return_ends_each_once_on_cancel_and_on_Dispose(IoBackend backend, DeliveryMode mode)
    {
        using var file = new TempFile(4096);
        for (int phase = 0; phase < 2; phase++)
        {
            IoRing ring = Hostile.Create(backend, mode, o =>
            {
                o.MaxWorkerThreads = 4;
                o.RunShortBlockingCallsOnCaller = false;
            });
            using var handle = file.Open();
            var pipes = Enumerable.Range(0, 8).Select(_ => new RawPipe()).ToArray();
            var ledger = new Ledger();
            using var cts = new CancellationTokenSource();

            await Hostile.Run(ring, mode, async () =>
            {
                // Twice as many calls as workers, each blocked in read(2) on a pipe nobody writes.
                Task<(Ending Ending, int, Exception?)>[] calls = pipes.Select(p => ledger.Track(
                    async () => (int)(await ring.RunBlockingAsync(p.Read, BlockingRead, static call => call.InterruptWorker(), cts.Token)).ThrowIfFailed("read"),
                    "blocked read")).ToArray();
                await Hostile.Until(() => ring.GetInFlightOperations().Count(o => o.State == InFlightState.OnWorker) >= 4, "the workers are all busy");

                // Work queued behind them on a worker-only ring waits; elsewhere it runs.
                Task<(Ending Ending, int, Exception?)> fsync = ledger.Track(() => ring.FsyncAsync(handle), "fsync");
                if (phase == 0)
                {
                    await Task.Run(cts.Cancel);
                    await Task.WhenAll(calls);
                    Assert.All(calls, c => Assert.Equal(Ending.Cancelled, c.Result.Ending));
                    Assert.Equal(Ending.Result, (await fsync).Ending);
                    ring.Dispose();
                }
                else
                {
                    await Task.Run(ring.Dispose);
                    await Task.WhenAll(calls.Append(fsync));
                    Assert.All(calls, c => Assert.True(c.Result.Ending is Ending.Disposed or Ending.Cancelled, $"{c.Result.Ending}"));
                }
            });

            ledger.AssertEachEndedOnce();
            Assert.Empty(ring.Abandoned);
            Assert.Equal(0, ring.InFlightCount);
            foreach (RawPipe p in pipes)
            {
                p.Put(1);
                Assert.Equal(1, p.Pending);
                p.Dispose();
            }
        }
    }

    [Theory]
    [InlineData(IoBackend.IoUring)]
    [InlineData(IoBackend.LinuxAio)]
    [InlineData(IoBackend.Workers)]
    public async Task Reaching_RLIMIT_NOFILE_mid_run_refuses_new_descriptors_clearly_and_keeps_every_operation(IoBackend backend)
    {
        string assembly = typeof(ExhaustionTests).Assembly.Location;
        Cli.Result result = await Cli.DotnetAsync(Path.GetDirectoryName(assembly)!, TimeSpan.FromSeconds(120), null, assembly, "child", "hostile-nofile:" + backend);
        result.EnsureSuccess();
        foreach (DeliveryMode mode in Enum.GetValues<DeliveryMode>())
        {
            Assert.Contains($"{mode}: ok", result.Output, StringComparison.Ordinal);
        }
    }
}

/// <summary>The child process side of <see cref="ExhaustionTests.Reaching_RLIMIT_NOFILE_mid_run_refuses_new_descriptors_clearly_and_keeps_every_operation"/>.</summary>
internal static class HostileChild
{
    [StructLayout(LayoutKind.Sequential)]
    private struct RLimit
    {
        public ulong Current;
        public ulong Max;
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int getrlimit(int resource, out RLimit limit);

    [DllImport("libc", SetLastError = true)]
    private static extern int setrlimit(int resource, in RLimit limit);

    private const int RLIMIT_NOFILE = 7;

    public static int Run(string scenario)
    {
        IoBackend backend = Enum.Parse<IoBackend>(scenario.Split(':')[1]);

        // The .NET thread pool ends the process if it must start a thread with no descriptor left
        // (docs/reliability.md): start its threads now and keep it at that size.
        ThreadPool.GetMinThreads(out int workers, out int io);
        ThreadPool.SetMinThreads(Math.Max(workers, 8), io);
        Parallel.For(0, 64, _ => Thread.Sleep(5));
        ThreadPool.SetMaxThreads(Math.Max(workers, 8), io);

        foreach (DeliveryMode mode in Enum.GetValues<DeliveryMode>())
        {
            RunOne(backend, mode).GetAwaiter().GetResult();
            Console.WriteLine($"{mode}: ok");
        }

        return 0;
    }

    private static async Task RunOne(IoBackend backend, DeliveryMode mode)
    {
        IoRing ring = Hostile.Create(backend, mode, o => o.MaxWorkerThreads = 4);
        using var file = new TempFile(8192);
        using var handle = file.Open();
        using var pipe = new RawPipe();
        using var listener = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.InterNetwork, System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp);
        listener.Bind(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 0));
        listener.Listen(4);
        using var client = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.InterNetwork, System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp);
        client.Connect(listener.LocalEndPoint!);
        int listenerFd = (int)listener.SafeHandle.DangerousGetHandle();

        // Warm the workers so none must start while no descriptor is left.
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => ring.RunBlockingAsync(0, static (ref int _) => { Thread.Sleep(20); return 0L; }).AsTask()));

        var buffer = new byte[4];
        ValueTask<int> inFlight = ring.ReadAsync(pipe.Read, buffer);
        await Hostile.UntilPending(ring);

        Check(getrlimit(RLIMIT_NOFILE, out RLimit saved) == 0, "getrlimit");
        var filler = new List<int>();
        try
        {
            Check(setrlimit(RLIMIT_NOFILE, new RLimit { Current = 512, Max = saved.Max }) == 0, "setrlimit");
            while (true)
            {
                int fd = Sys.open("/dev/null", Sys.O_RDONLY | Sys.O_CLOEXEC, 0);
                if (fd < 0)
                {
                    Check(Marshal.GetLastPInvokeError() == Errno.EMFILE, "the fill ends with EMFILE");
                    break;
                }

                filler.Add(fd);
            }

            await Hostile.Run(ring, mode, async () =>
            {
                ErrnoException open = await DeliveryModes.Fails<ErrnoException>(async () => (await ring.OpenAsync(file.Path, OpenFlags.ReadOnly)).Dispose());
                Check(open.Errno == Errno.EMFILE && open.Syscall == "openat", $"open: {open.ErrnoName} {open.Syscall}");
                ErrnoException accept = await DeliveryModes.Fails<ErrnoException>(async () => await ring.AcceptAsync(listenerFd));
                Check(accept.Errno is Errno.EMFILE or Errno.ENFILE && accept.Syscall == "accept4", $"accept: {accept.ErrnoName} {accept.Syscall}");

                // What needs no new descriptor keeps working, and the read that was in flight gets its bytes.
                Check(await ring.ReadAsync(handle, new byte[4096], 4096) == 4096, "a file read without descriptors");
                await ring.NopAsync();
                pipe.Put(1, 2, 3);
                Check(await inFlight == 3, "the read in flight returns its bytes");
            });
        }
        finally
        {
            filler.ForEach(fd => Sys.close(fd));
            Check(setrlimit(RLIMIT_NOFILE, saved) == 0, "setrlimit back");
        }

        // Descriptors are back: the connection the refused accept left is still there, and opens work.
        await Hostile.Run(ring, mode, async () =>
        {
            int accepted = await ring.AcceptAsync(listenerFd);
            Sys.close(accepted);
            (await ring.OpenAsync(file.Path, OpenFlags.ReadOnly)).Dispose();
        });

        Check(ring.InFlightCount == 0, "nothing left in flight");
        await ring.DisposeAsync();
        Check(ring.Abandoned.Count == 0, "nothing abandoned");
    }

    private static void Check(bool condition, string what)
    {
        if (!condition)
        {
            throw new InvalidOperationException("failed: " + what);
        }
    }
}
