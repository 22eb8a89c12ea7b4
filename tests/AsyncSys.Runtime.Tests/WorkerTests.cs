using System;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;

namespace AsyncSys.Runtime.Tests;

/// <summary>Blocking-call workers: errno captured on the worker, cancellation before start and while running.</summary>
public sealed partial class WorkerTests
{
    [LibraryImport("libc", EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "read", SetLastError = true)]
    private static unsafe partial nint Read(int fd, byte* buffer, nuint count);

    private static unsafe long ReadOneByte(int fd)
    {
        byte b;
        return Read(fd, &b, 1);
    }

    [Fact]
    public async Task Errno_is_captured_on_the_worker_right_after_the_call()
    {
        using var ring = IoRing.Create();
        string missing = "/nonexistent-" + Guid.NewGuid().ToString("N");

        BlockingResult<string> result = await ring.RunBlockingAsync(missing, static (ref string path) => Open(path, 0));

        Assert.Equal(-1, result.Value);
        Assert.Equal(Errno.ENOENT, result.Errno);
        var error = Assert.Throws<ErrnoException>(() => result.ThrowIfFailed("open"));
        Assert.Equal("open", error.Syscall);
        Assert.Equal(Errno.ENOENT, error.Errno);
    }

    [Fact]
    public async Task Out_values_come_back_in_the_state()
    {
        using var ring = IoRing.Create();

        BlockingResult<(int In, int Out)> result = await ring.RunBlockingAsync((In: 21, Out: 0), static (ref (int In, int Out) s) =>
        {
            s.Out = s.In * 2;
            return 0;
        });

        Assert.Equal(42, result.State.Out);
        Assert.Equal(0, result.Errno);
    }

    [Fact]
    public async Task Work_runs_on_a_dedicated_worker_not_the_thread_pool()
    {
        using var ring = IoRing.Create(new IoRingOptions { Name = "pool-check" });

        BlockingResult<int> result = await ring.RunBlockingAsync(0, static (ref int s) =>
        {
            s = Thread.CurrentThread.IsThreadPoolThread ? 1 : 2;
            return Thread.CurrentThread.Name?.StartsWith("pool-check worker", StringComparison.Ordinal) == true ? 1 : 0;
        });

        Assert.Equal(2, result.State);
        Assert.Equal(1, result.Value);
    }

    [Fact]
    public async Task Cancelled_before_start_the_call_never_runs()
    {
        using var ring = IoRing.Create(new IoRingOptions { MaxWorkerThreads = 1 });
        using var gate = new ManualResetEventSlim(false);
        int ran = 0;
        Task<BlockingResult<ManualResetEventSlim>> blocker = ring.RunBlockingAsync(gate, static (ref ManualResetEventSlim g) =>
        {
            g.Wait();
            return 0;
        }).AsTask();
        using var cts = new CancellationTokenSource();

        var queued = ring.RunBlockingAsync(new StrongBox(() => Interlocked.Increment(ref ran)), static (ref StrongBox s) =>
        {
            s.Action();
            return 0;
        }, null, cts.Token);
        cts.Cancel();
        gate.Set();
        await blocker;

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await queued);
        Assert.Equal(0, ran);
    }

    [Fact]
    public async Task A_cancel_hook_interrupts_a_call_blocked_in_the_kernel()
    {
        using var ring = IoRing.Create();
        using var pipe = new Pipe();
        int hookCalls = 0;
        int hookThread = 0;
        using var cts = new CancellationTokenSource();

        var reading = ring.RunBlockingAsync(pipe.ReadFd, static (ref int fd) => ReadOneByte(fd), call =>
        {
            Interlocked.Increment(ref hookCalls);
            hookThread = call.NativeThreadId;
            Assert.True(call.InterruptWorker());
        }, cts.Token);
        await Task.Delay(100);
        cts.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await reading);
        Assert.Equal(1, hookCalls);
        Assert.NotEqual(0, hookThread);
        Assert.Equal(0, ring.InFlightCount);
    }

    [Fact]
    public async Task An_exception_from_the_call_reaches_the_awaiter()
    {
        using var ring = IoRing.Create();

        await Assert.ThrowsAsync<InvalidOperationException>(async () =>
            await ring.RunBlockingAsync(0, static (ref int s) => throw new InvalidOperationException("boom")));
        Assert.Equal(0, ring.InFlightCount);
    }

    private sealed class StrongBox(Func<int> action)
    {
        public Func<int> Action { get; } = action;
    }
}
