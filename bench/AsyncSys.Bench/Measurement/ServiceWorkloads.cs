using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys.Bench.Cli;
using AsyncSys.Bench.Report;
using AsyncSys.Bench.Results;

namespace AsyncSys.Bench.Measurement;

/// <summary>
/// Workloads without a file: short blocking calls (RunBlockingAsync against an awaited Task.Run) and a loopback
/// echo server (IoRing recv/send against System.Net.Sockets, driven by the same System.Net.Sockets clients).
/// </summary>
internal static class ServiceWorkloads
{
    /// <summary>Case ids of the blocking workload; the first is the baseline.</summary>
    internal static readonly string[] BlockingCases = { "taskrun", "runblocking", "runblocking-token", "runblocking-hook", "runblocking-workers" };

    /// <summary>Case ids of the echo workload; the first is the baseline.</summary>
    internal static readonly string[] EchoCases = { "sockets", "iouring", "ringonly", "inline", "ringcontext" };

    internal static async Task<List<RunResult>> BlockingAsync(BenchOptions options)
    {
        IReadOnlyList<int> depths = options.QueueDepthGiven ? options.QueueDepths : new[] { 1, 16 };
        var runs = new List<RunResult>();
        foreach (int depth in depths)
        {
            var run = new RunResult { Workload = "blocking", QueueDepth = depth, Seconds = options.Seconds, WarmupSeconds = options.Warmup, FioStatus = "not applicable", Baseline = BlockingCases[0] };
            Console.WriteLine($"blocking qd={depth} {options.Seconds:0.#} s per case (+{options.Warmup:0.#} s warm-up)");
            AlignedBuffer[] buffers = Enumerable.Range(0, depth).Select(_ => new AlignedBuffer(AlignedBuffer.Alignment)).ToArray();
            try
            {
                foreach (string id in BlockingCases)
                {
                    IoRing? ring = id == "taskrun" ? null : IoRing.Create(new IoRingOptions
                    {
                        Name = "bench-blocking",
                        RunShortBlockingCallsOnCaller = id != "runblocking-workers",
                        Capacity = Math.Clamp(depth * 2, 64, IoRingOptions.MaxCapacity),
                    });

                    // A live token that is never cancelled, shared by every loop, as a server's stopping token is.
                    using var stopping = new CancellationTokenSource();
                    CancellationToken token = id is "runblocking-token" or "runblocking-hook" ? stopping.Token : default;

                    // A hook, as generated variants of calls that can wait pass one: a trusted site's call then runs on a
                    // thread-pool work item (never on the caller: it may wait), published so that CancelAll, Dispose and the
                    // token can interrupt it while it runs.
                    BlockingCancelHook? hook = id == "runblocking-hook" ? static info => info.InterruptWorker() : null;
                    try
                    {
                        IoStep step = ring is null
                            ? IoStep.AsyncVoid(static (_, _) => new ValueTask(Task.Run(NoOp)))
                            : IoStep.AsyncVoid((_, _) => Discard(ring.RunBlockingAsync(0, static (ref int state) => state, hook, token)));
                        var result = new CaseResult { Id = id, Title = BlockingTitle(id), Backend = ring?.BackendDescription };
                        run.Cases.Add(await RunAsync(result, step, new LoopState(depth, AlignedBuffer.Alignment, 1, buffers), options).ConfigureAwait(false));
                    }
                    finally
                    {
                        ring?.Dispose();
                    }
                }
            }
            finally
            {
                foreach (AlignedBuffer buffer in buffers)
                {
                    ((IDisposable)buffer).Dispose();
                }
            }

            RatioCalculator.Fill(run);
            runs.Add(run);
        }

        return runs;
    }

    internal static async Task<List<RunResult>> EchoAsync(BenchOptions options)
    {
        IReadOnlyList<int> depths = options.QueueDepthGiven ? options.QueueDepths : new[] { 1, 32 };
        int size = options.BlockSizeGiven ? (int)options.BlockSize : 64;
        var runs = new List<RunResult>();
        foreach (int depth in depths)
        {
            var run = new RunResult { Workload = "echo", BlockSize = size, QueueDepth = depth, Seconds = options.Seconds, WarmupSeconds = options.Warmup, FioStatus = "not applicable", Baseline = EchoCases[0] };
            Console.WriteLine($"echo {size} B qd={depth} (connections) {options.Seconds:0.#} s per case (+{options.Warmup:0.#} s warm-up)");
            foreach (string id in EchoCasesFor(options))
            {
                using var echo = new EchoRig(id, depth, size, options.Variant);
                var result = new CaseResult { Id = id, Title = EchoTitle(id), Backend = echo.Ring?.BackendDescription };
                run.Cases.Add(await RunAsync(result, IoStep.Async(echo.RequestAsync), new LoopState(depth, size, 1, echo.ClientBuffers), options, echo.Ring).ConfigureAwait(false));
                await echo.StopAsync().ConfigureAwait(false);
            }

            RatioCalculator.Fill(run);
            runs.Add(run);
        }

        return runs;
    }

    /// <summary>The echo cases, plus the --kernel ones when --mode names them.</summary>
    private static IEnumerable<string> EchoCasesFor(BenchOptions options) => EchoCases
        .Concat(options.Cases.Contains(CaseKind.IoUringKernelVariant) ? new[] { "kernel" } : Array.Empty<string>())
        .Concat(options.Cases.Contains(CaseKind.IoUringInlineKernelVariant) ? new[] { "inlinekernel" } : Array.Empty<string>());

    private static string BlockingTitle(string id) => id switch
    {
        "taskrun" => "await Task.Run(no-op)",
        "runblocking" => "await RunBlockingAsync(no-op)",
        "runblocking-token" => "await RunBlockingAsync(no-op), with a live token",
        "runblocking-hook" => "await RunBlockingAsync(no-op), live token and interrupt hook",
        _ => "RunBlockingAsync, workers only",
    };

    private static string EchoTitle(string id) => id switch
    {
        "sockets" => "System.Net.Sockets server",
        "iouring" => "IoRing server",
        "ringonly" => "IoRing server, ring only",
        "kernel" => "IoRing server, --kernel",
        "inlinekernel" => "IoRing server, inline, --kernel",
        "ringcontext" => "IoRing server, loops on the ring context",
        _ => "IoRing server, inline",
    };

    private static void NoOp()
    {
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private static async ValueTask Discard(ValueTask<BlockingResult<int>> pending) => await pending.ConfigureAwait(false);

    /// <param name="ring">The ring under test, whose thread's counters go into the result (null: none).</param>
    private static async Task<CaseResult> RunAsync(CaseResult result, IoStep step, LoopState state, BenchOptions options, IoRing? ring = null)
    {
        Console.Write($"  {result.Title,-34} ");
        await CaseRunner.RunAsync(result, step, state, options.Warmup, options.Seconds, ring).ConfigureAwait(false);
        Console.WriteLine(ConsoleTable.Summary(result));
        if (result.RingThread is { } ringThread)
        {
            Console.WriteLine($"  {"",-34} {ringThread}");
        }

        return result;
    }

    /// <summary>
    /// One echo case: a loopback listener, <c>depth</c> connected System.Net.Sockets clients, and a server loop per
    /// connection (recv, then send everything back) on either System.Net.Sockets or an IoRing.
    /// </summary>
    private sealed class EchoRig : IDisposable
    {
        private readonly Dictionary<Memory<byte>, Socket> _clientOf = new();
        private readonly List<Socket> _clients = new();
        private readonly List<Socket> _servers = new();
        private readonly Task[] _serverLoops;

        internal EchoRig(string id, int depth, int size, RingVariant variant)
        {
            if (id != "sockets")
            {
                bool isVariant = id is "kernel" or "inlinekernel";
                Ring = IoRing.Create(
                    new IoRingOptions
                    {
                        Name = "bench-echo",
                        InlineContinuations = id is "inline" or "inlinekernel",
                        KernelFeatures = isVariant ? variant.Features : Backends.IoUring.IoUringKernelFeatures.Default,
                        TryNonBlockingFirst = id != "ringonly",
                        Capacity = Math.Clamp(depth * 2, 64, IoRingOptions.MaxCapacity),
                        Rings = isVariant || id == "ringcontext" ? variant.Rings : 1,
                    });
            }

            using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            listener.Listen(depth);
            ClientBuffers = new AlignedBuffer[depth];
            for (int i = 0; i < depth; i++)
            {
                var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                client.Connect(listener.LocalEndPoint!);
                Socket server = listener.Accept();
                server.NoDelay = true;
                _clients.Add(client);
                _servers.Add(server);
                ClientBuffers[i] = new AlignedBuffer(size);
                ClientBuffers[i].GetSpan().Fill((byte)('a' + (i % 26)));
                _clientOf.Add(ClientBuffers[i].Memory, client);
            }

            // "ringcontext": each connection's loop on the ring thread (RunOnRingAsync), as docs/performance.md advises
            // for a request loop you own; its awaits keep the ring's context and resume inline, with no pool hop.
            _serverLoops = _servers.Select(s => Ring is null ? Task.Run(() => ServeWithSocketAsync(s, size))
                : id == "ringcontext" ? Ring.RunOnRingAsync(() => ServeWithRingAsync(Ring, s, size, keepContext: true))
                : Task.Run(() => ServeWithRingAsync(Ring, s, size, keepContext: false))).ToArray();
        }

        internal IoRing? Ring { get; }

        internal AlignedBuffer[] ClientBuffers { get; }

        /// <summary>One request: send the message, read the whole echo back into the same buffer.</summary>
        [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
        internal async ValueTask<int> RequestAsync(Memory<byte> message, long offset)
        {
            Socket client = _clientOf[message];
            int sent = 0;
            while (sent < message.Length)
            {
                sent += await client.SendAsync(message[sent..], SocketFlags.None).ConfigureAwait(false);
            }

            int received = 0;
            while (received < message.Length)
            {
                int n = await client.ReceiveAsync(message[received..], SocketFlags.None).ConfigureAwait(false);
                if (n == 0)
                {
                    throw new InvalidOperationException("the echo server closed the connection");
                }

                received += n;
            }

            return received;
        }

        internal async Task StopAsync()
        {
            foreach (Socket client in _clients)
            {
                client.Shutdown(SocketShutdown.Both);
            }

            await Task.WhenAll(_serverLoops).WaitAsync(TimeSpan.FromSeconds(30)).ConfigureAwait(false);
        }

        public void Dispose()
        {
            foreach (Socket socket in _clients.Concat(_servers))
            {
                socket.Dispose();
            }

            Ring?.Dispose();
            foreach (AlignedBuffer buffer in ClientBuffers)
            {
                ((IDisposable)buffer).Dispose();
            }
        }

        private static async Task ServeWithSocketAsync(Socket socket, int size)
        {
            byte[] buffer = GC.AllocateArray<byte>(size, pinned: true);
            while (true)
            {
                int n = await socket.ReceiveAsync(buffer.AsMemory(), SocketFlags.None).ConfigureAwait(false);
                if (n == 0)
                {
                    return;
                }

                for (int sent = 0; sent < n;)
                {
                    sent += await socket.SendAsync(buffer.AsMemory(sent, n - sent), SocketFlags.None).ConfigureAwait(false);
                }
            }
        }

        private static async Task ServeWithRingAsync(IoRing ring, Socket socket, int size, bool keepContext)
        {
            byte[] buffer = GC.AllocateArray<byte>(size, pinned: true);
            while (true)
            {
                int n = await ring.ReceiveAsync(socket.SafeHandle, buffer.AsMemory()).ConfigureAwait(keepContext);
                if (n == 0)
                {
                    return;
                }

                for (int sent = 0; sent < n;)
                {
                    sent += await ring.SendAsync(socket.SafeHandle, buffer.AsMemory(sent, n - sent)).ConfigureAwait(keepContext);
                }
            }
        }
    }
}
