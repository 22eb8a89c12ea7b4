using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;

namespace AsyncSys.Runtime.Tests.Hostile;

/// <summary>
/// Signals the application owns: SIGUSR1 and SIGALRM handlers installed WITHOUT SA_RESTART (a library's timeouts), and
/// a storm of both sent to the process while reads, polls, accepts, receives, timers, blocking calls and generated
/// variants wait. The docs allow EINTR only as a cancelled worker call's way out (docs/cancellation.md: "-EINTR on a
/// worker" after a cancel request is OperationCanceledException), so a signal nobody asked for must never end a
/// built-in operation with EINTR, nor lose its bytes. A blocking call of the user's own sees EINTR as its body does
/// (a plain syscall would); bodies that retry EINTR, as the docs prescribe, must get their bytes. Runs in a child
/// process: the handlers and the storm are the whole process's.
/// </summary>
public sealed class SignalRound3Tests
{
    [Theory]
    [InlineData(IoBackend.IoUring)]
    [InlineData(IoBackend.LinuxAio)]
    [InlineData(IoBackend.Workers)]
    public async Task A_signal_storm_never_ends_waiting_reads_polls_accepts_receives_or_timers_with_EINTR_nor_loses_a_byte(IoBackend backend)
    {
        var run = await Child.Run($"signals:waits:{backend}", 90);
        Child.AssertPassed(run, $"signal storm, waits, {backend}");
    }

    [Theory]
    [InlineData(IoBackend.IoUring)]
    [InlineData(IoBackend.LinuxAio)]
    [InlineData(IoBackend.Workers)]
    public async Task A_signal_storm_lets_EINTR_retrying_blocking_calls_and_generated_variants_finish_and_cancels_still_work(IoBackend backend)
    {
        var run = await Child.Run($"signals:blocking:{backend}", 90);
        Child.AssertPassed(run, $"signal storm, blocking calls, {backend}");
    }

    /// <summary>Sends SIGUSR1 and SIGALRM to the whole process until disposed.</summary>
    private sealed class Storm : IDisposable
    {
        private readonly Thread _thread;
        private volatile bool _stop;
        private long _sent;

        public Storm()
        {
            Sys.InstallInterruptingHandler(Sys.SIGUSR1);
            Sys.InstallInterruptingHandler(Sys.SIGALRM);
            int pid = Sys.getpid();
            _thread = new Thread(() =>
            {
                while (!_stop)
                {
                    Sys.kill(pid, Sys.SIGUSR1);
                    Sys.kill(pid, Sys.SIGALRM);
                    Interlocked.Add(ref _sent, 2);
                    Thread.SpinWait(200);
                }
            })
            { IsBackground = true, Name = "signal storm" };
            _thread.Start();
        }

        public long Sent => Interlocked.Read(ref _sent);

        public void Dispose()
        {
            _stop = true;
            _thread.Join();
        }
    }

    internal static int StormChild(string kind, IoBackend backend)
    {
        using var storm = new Storm();
        foreach (DeliveryMode mode in Enum.GetValues<DeliveryMode>())
        {
            IoRing ring = Hostile.Create(backend, mode);
            var ledger = new Ledger();
            Task scenario = kind == "waits" ? Hostile.Run(ring, mode, () => Waits(ring, ledger, backend, mode)) : Hostile.Run(ring, mode, () => Blocking(ring, ledger, backend, mode));
            string outcome;
            try
            {
                scenario.GetAwaiter().GetResult();
                outcome = "ended";
            }
            catch (Exception e)
            {
                outcome = e.GetType().Name + ": " + e.Message;
            }

            Child.Expect(outcome == "ended", $"{backend} {mode} {kind}: {outcome}; {ledger}");
            Child.Expect(ledger.Started == ledger.Ended && ledger[Ending.Errno] == 0 && ledger[Ending.Disposed] == 0, $"{backend} {mode} {kind}: every operation ended once, none with an errno: {ledger}");
            Child.Expect(ring.InFlightCount == 0, $"{backend} {mode} {kind}: nothing left in flight: {Hostile.Describe(ring)}");
            ring.Dispose();
        }

        Child.Expect(storm.Sent > 1000, $"signals sent: {storm.Sent}");
        Console.WriteLine("DONE");
        return 0;
    }

    private static async Task Waits(IoRing ring, Ledger ledger, IoBackend backend, DeliveryMode mode)
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(64);
        int listenerFd = (int)listener.SafeHandle.DangerousGetHandle();
        var wrong = new List<string>();
        for (int round = 0; round < Hostile.Rounds(12, 120); round++)
        {
            using var a = new RawPipe();
            using var b = new RawPipe();
            using var c = new RawPipe();
            (int left, int right) = Sys.SocketPair();
            var readBuffer = new byte[1];
            var recvBuffer = new byte[1];
            var generatedBuffer = new byte[1];
            var read = ledger.Track(() => ring.ReadAsync(a.Read, readBuffer), "read");
            var poll = ledger.Track(async () => (int)await ring.PollAsync(b.Read, PollEvents.In), "poll");
            var recv = ledger.Track(() => ring.ReceiveAsync(left, recvBuffer), "recv");
            var accept = ledger.Track(() => ring.AcceptAsync(listenerFd), "accept");
            var delay = ledger.Track(() => ring.DelayAsync(TimeSpan.FromMilliseconds(3)), "delay");
            var generated = ledger.Track(async () => (int)await HostileLibc.ReadAsync(ring, c.Read, generatedBuffer), "generated read");

            // The cancelled read: ends cancelled (never EINTR), and its byte stays in the pipe.
            using var cancelled = new RawPipe();
            using var cts = new CancellationTokenSource();
            var cancelledRead = ledger.Track(() => ring.ReadAsync(cancelled.Read, new byte[1], cts.Token), "cancelled read");

            await Task.Delay(2);
            cts.Cancel();
            var cancelledEnding = await Hostile.Within(cancelledRead, ring, "the cancelled read");
            cancelled.Put(42);

            a.Put((byte)round);
            b.Put(1);
            Sys.WriteAll(right, new byte[] { (byte)(round + 1) });
            c.Put((byte)(round + 2));
            using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            await client.ConnectAsync(listener.LocalEndPoint!);

            var endings = await Hostile.Within(Task.WhenAll(read, poll, recv, accept, delay, generated), ring, $"round {round}'s waits");
            string[] names = { "read", "poll", "recv", "accept", "delay", "generated read" };
            for (int i = 0; i < endings.Length; i++)
            {
                if (endings[i].Ending != Ending.Result)
                {
                    wrong.Add($"round {round} {names[i]}: {endings[i].Ending} {endings[i].Error?.Message}");
                }
            }

            if (endings[0].Value != 1 || readBuffer[0] != (byte)round || endings[2].Value != 1 || recvBuffer[0] != (byte)(round + 1) || endings[5].Value != 1 || generatedBuffer[0] != (byte)(round + 2))
            {
                wrong.Add($"round {round}: a byte went missing or changed");
            }

            if (endings[3].Ending == Ending.Result)
            {
                Sys.close(endings[3].Value);
            }

            if (cancelledEnding.Ending != Ending.Cancelled && !(cancelledEnding.Ending == Ending.Result && cancelledEnding.Value == 0))
            {
                wrong.Add($"round {round} cancelled read: {cancelledEnding.Ending} {cancelledEnding.Error?.Message}");
            }

            if (cancelled.Pending != 1)
            {
                wrong.Add($"round {round}: the cancelled read took its byte");
            }

            Sys.close(left);
            Sys.close(right);
        }

        Assert.True(wrong.Count == 0, $"{backend} {mode}:\n" + string.Join("\n", wrong.Take(20)));
    }

    /// <summary>A one-byte read of <see cref="Fd"/> that retries EINTR and asks whether its call was cancelled.</summary>
    public struct RetryingRead
    {
        public int Fd;
        public StrongBox<int>? Interrupted;
    }

    private static unsafe long ReadRetrying(ref RetryingRead call)
    {
        nint n;
        byte b;
        while (true)
        {
            n = Sys.read(call.Fd, &b, 1);
            if (n >= 0 || Marshal.GetLastPInvokeError() != Errno.EINTR || IoRing.IsBlockingCallCancellationRequested)
            {
                break;
            }

            if (call.Interrupted is not null)
            {
                Interlocked.Increment(ref call.Interrupted.Value);
            }
        }

        return n == 1 ? b : n;
    }

    private static async Task Blocking(IoRing ring, Ledger ledger, IoBackend backend, DeliveryMode mode)
    {
        var wrong = new List<string>();
        var interrupted = new StrongBox<int>();
        for (int round = 0; round < Hostile.Rounds(12, 120); round++)
        {
            using var a = new RawPipe();
            using var b = new RawPipe();
            using var stuck = new RawPipe();
            var generatedBuffer = new byte[1];

            // Started off the scenario's thread: a trusted call runs on its caller (round 2's lesson).
            var call = ledger.Track(() => new ValueTask<int>(Task.Run(async () => (int)(await ring.RunBlockingAsync(new RetryingRead { Fd = a.Read, Interrupted = interrupted }, static (ref RetryingRead c) => ReadRetrying(ref c))).Value)), "retrying call");
            var generated = ledger.Track(() => new ValueTask<int>(Task.Run(async () => (int)await HostileLibc.ReadRetryingAsync(ring, b.Read, generatedBuffer))), "generated retrying read");

            // A retrying call cancelled by its token (the hook interrupts it; the body asks and stops).
            using var cts = new CancellationTokenSource();
            var cancelledCall = ledger.Track(() => new ValueTask<int>(Task.Run(async () => (int)(await ring.RunBlockingAsync(new RetryingRead { Fd = stuck.Read }, static (ref RetryingRead c) => ReadRetrying(ref c), static info => info.InterruptWorker(), cts.Token)).Value)), "cancelled retrying call");

            await Task.Delay(3);
            a.Put((byte)(round + 10));
            b.Put((byte)(round + 20));
            cts.Cancel();

            var endings = await Hostile.Within(Task.WhenAll(call, generated), ring, $"round {round}'s blocking calls");
            if (endings[0].Ending != Ending.Result || endings[0].Value != (byte)(round + 10))
            {
                wrong.Add($"round {round} retrying call: {endings[0].Ending} {endings[0].Value} {endings[0].Error?.Message}");
            }

            if (endings[1].Ending != Ending.Result || endings[1].Value != 1 || generatedBuffer[0] != (byte)(round + 20))
            {
                wrong.Add($"round {round} generated retrying read: {endings[1].Ending} {endings[1].Value} {endings[1].Error?.Message}");
            }

            var cancelledEnding = await Hostile.Within(cancelledCall, ring, "the cancelled retrying call");
            if (cancelledEnding.Ending != Ending.Cancelled)
            {
                wrong.Add($"round {round} cancelled retrying call: {cancelledEnding.Ending} {cancelledEnding.Value} {cancelledEnding.Error?.Message}");
            }

            if (a.Pending + b.Pending != 0)
            {
                wrong.Add($"round {round}: a byte was left behind");
            }
        }

        Assert.True(wrong.Count == 0, $"{backend} {mode} (EINTR retried {interrupted.Value} times):\n" + string.Join("\n", wrong.Take(20)));
    }
}
