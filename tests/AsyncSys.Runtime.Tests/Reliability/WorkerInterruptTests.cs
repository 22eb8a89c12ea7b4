using System;
using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys.Backends.Workers;

namespace AsyncSys.Runtime.Tests.Reliability;

/// <summary>
/// <see cref="BlockingCallInfo.InterruptWorker"/> stops a blocked call even when the first signal lands before
/// the call has entered its syscall (issue 16, item 3): it is re-sent until the worker leaves the call.
/// </summary>
public sealed partial class WorkerInterruptTests
{
    [LibraryImport("libc", EntryPoint = "read", SetLastError = true)]
    private static unsafe partial nint Read(int fd, byte* buffer, nuint count);

    [LibraryImport("libc", EntryPoint = "sigaction", SetLastError = true)]
    private static unsafe partial int SigAction(int signal, void* action, void* old);

    private sealed class SlowReader
    {
        public int Fd;
        public volatile bool Started;
    }

    private static unsafe long SpinThenRead(ref SlowReader reader)
    {
        reader.Started = true;

        // Managed work before the syscall: a signal sent now is absorbed, and only a re-send stops the read.
        long end = Stopwatch.GetTimestamp() + (Stopwatch.Frequency / 200);
        while (Stopwatch.GetTimestamp() < end)
        {
        }

        byte b;
        return Read(reader.Fd, &b, 1);
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task An_interrupt_sent_before_the_call_blocks_still_stops_it(IoBackend backend)
    {
        using var ring = Backends.Create(backend);
        using var pipe = new Pipe();
        for (int round = 0; round < 20; round++)
        {
            var reader = new SlowReader { Fd = pipe.ReadFd };
            using var cts = new CancellationTokenSource();
            Task<BlockingResult<SlowReader>> call = ring.RunBlockingAsync(reader, SpinThenRead, static c => c.InterruptWorker(), cts.Token).AsTask();
            while (!reader.Started)
            {
                Thread.SpinWait(10);
            }

            cts.Cancel(); // lands in the spin, before read(2)

            Exception? error = await Record.ExceptionAsync(() => call.WaitAsync(TimeSpan.FromSeconds(10)));
            Assert.True(error is OperationCanceledException, $"round {round}: expected a cancellation, got {error?.GetType().Name ?? "a result"}: {error}");
        }

        Assert.Equal(0, ring.InFlightCount);
    }

    [Fact]
    public async Task Interrupting_a_call_that_already_returned_sends_nothing()
    {
        using var ring = IoRing.Create(new IoRingOptions { Backend = IoBackend.Workers });
        BlockingCallInfo captured = default;
        using var cts = new CancellationTokenSource();
        using var inCall = new ManualResetEventSlim(false);
        using var release = new ManualResetEventSlim(false);
        Task<BlockingResult<(ManualResetEventSlim In, ManualResetEventSlim Release)>> call = ring.RunBlockingAsync(
            (inCall, release),
            static (ref (ManualResetEventSlim In, ManualResetEventSlim Release) s) =>
            {
                s.In.Set();
                s.Release.Wait();
                return 7;
            },
            c => captured = c,
            cts.Token).AsTask();
        inCall.Wait();
        cts.Cancel(); // the hook only records the call
        release.Set();
        await call;

        Assert.NotEqual(0, captured.NativeThreadId);
        Assert.False(captured.InterruptWorker(), "the call has returned: no signal may reach the worker's next job");
    }

    [Fact]
    public unsafe void The_interrupt_signal_has_our_handler_and_never_restarts_calls()
    {
        int signal = WorkerInterrupt.Signal;
        byte* current = stackalloc byte[256];
        new Span<byte>(current, 256).Clear();

        Assert.Equal(0, SigAction(signal, null, current));
        Assert.NotEqual(0, *(nint*)current); // not SIG_DFL (0)
        Assert.NotEqual(1, *(nint*)current); // not SIG_IGN
        Assert.Equal(0, *(int*)(current + 136) & 0x10000000); // SA_RESTART clear
    }
}
