using System;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace AsyncSys.Runtime.Tests.Reliability;

/// <summary>
/// Calls that wait for readiness never hold the workers (issue 16, item 7): reads on idle pipes park on the
/// readiness lane, so fsync, Nop and timers behind them still run, and the pool stays within its bound.
/// </summary>
public sealed class WorkerStarvationTests
{
    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task Reads_on_idle_pipes_do_not_starve_fsync_nop_and_timers(IoBackend backend)
    {
        using var ring = IoRing.Create(new IoRingOptions { Backend = backend, MaxWorkerThreads = 4, Name = "starve-" + backend });
        var pipes = Enumerable.Range(0, 8).Select(_ => new Pipe()).ToArray();
        using var file = new TempFile(4096);
        using var handle = file.Open();
        try
        {
            using var cts = new CancellationTokenSource();
            Task<int>[] reads = pipes.Select(p => ring.ReadAsync(p.ReadFd, new byte[16], cts.Token).AsTask()).ToArray();
            await Task.Delay(100); // every read has reached its wait

            Task others = Task.WhenAll(
                ring.FsyncAsync(handle).AsTask(),
                ring.NopAsync().AsTask(),
                ring.DelayAsync(TimeSpan.FromMilliseconds(10)).AsTask(),
                ring.ReadAsync(handle, new byte[100], 0).AsTask());
            await others.WaitAsync(TimeSpan.FromSeconds(10));

            Assert.All(reads, r => Assert.False(r.IsCompleted));
            Assert.True(ring.Workers.ThreadCount <= 4, $"{ring.Workers.ThreadCount} workers for a bound of 4");

            pipes[3].Write(new byte[] { 1, 2, 3 });
            Assert.Equal(3, await reads[3].WaitAsync(TimeSpan.FromSeconds(10)));

            cts.Cancel();
            foreach (Task<int> read in reads.Where((_, i) => i != 3))
            {
                await Assert.ThrowsAnyAsync<OperationCanceledException>(() => read.WaitAsync(TimeSpan.FromSeconds(10)));
            }

            Assert.Equal(0, ring.InFlightCount);
            Assert.Equal(0, ring.Workers.ParkedCount);
        }
        finally
        {
            foreach (Pipe pipe in pipes)
            {
                pipe.Dispose();
            }
        }
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task A_write_that_blocks_after_readiness_is_still_cancellable(IoBackend backend)
    {
        using var ring = Backends.Create(backend);
        using var pipe = new Pipe();

        // 14 of the pipe's 16 pages full: poll says writable, and a 1 MiB write then blocks in write(2).
        pipe.Write(new byte[14 * 4096]);
        using var cts = new CancellationTokenSource();
        Task<int> write = ring.WriteAtMostAsync(pipe.WriteFd, new byte[1 << 20], cts.Token).AsTask();
        await Task.Delay(200);

        // io_uring may answer at once with the short write that fit; the other backends block in write(2).
        Assert.True(backend == IoBackend.IoUring || !write.IsCompleted, "the write should be blocked in write(2)");
        cts.Cancel();
        Exception? error = await Record.ExceptionAsync(() => write.WaitAsync(TimeSpan.FromSeconds(10)));

        // Either the kernel's own result (the bytes it had written when interrupted) or a cancellation: never a hang.
        Assert.True(error is null or OperationCanceledException, $"expected a result or a cancellation, got {error}");
        if (error is null)
        {
            Assert.InRange(await write, 1, 2 * 4096);
        }
    }

    [Fact]
    public async Task A_poll_and_a_timer_on_workers_hold_no_worker_while_they_wait()
    {
        using var ring = IoRing.Create(new IoRingOptions { Backend = IoBackend.Workers, MaxWorkerThreads = 1 });
        using var pipe = new Pipe();
        using var cts = new CancellationTokenSource();

        Task<PollEvents> poll = ring.PollAsync(pipe.ReadFd, PollEvents.In, cts.Token).AsTask();
        Task timer = ring.DelayAsync(TimeSpan.FromSeconds(30), cts.Token).AsTask();
        await Task.Delay(50);
        BlockingResult<int> work = await ring.RunBlockingAsync(5, static (ref int s) => s * 2).AsTask().WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(10, work.Value);
        Assert.Equal(2, ring.Workers.ParkedCount);
        pipe.Write(new byte[] { 9 });
        Assert.Equal(PollEvents.In, await poll.WaitAsync(TimeSpan.FromSeconds(10)) & PollEvents.In);
        cts.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => timer.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task The_pool_grows_while_its_workers_are_blocked_and_stops_at_its_bound()
    {
        using var ring = IoRing.Create(new IoRingOptions { Backend = IoBackend.Workers, MaxWorkerThreads = 2 });
        using var gate = new ManualResetEventSlim(false);
        using var file = new TempFile(16);
        using var handle = file.Open();

        Task blocked = ring.RunBlockingAsync(gate, static (ref ManualResetEventSlim g) =>
        {
            g.Wait();
            return 0;
        }).AsTask();
        await ring.FsyncAsync(handle).AsTask().WaitAsync(TimeSpan.FromSeconds(10)); // needs a second worker
        Assert.Equal(2, ring.Workers.ThreadCount);

        Task second = ring.RunBlockingAsync(gate, static (ref ManualResetEventSlim g) =>
        {
            g.Wait();
            return 0;
        }).AsTask();
        Task third = ring.FsyncAsync(handle).AsTask();
        await Task.Delay(100);
        Assert.Equal(2, ring.Workers.ThreadCount); // the bound holds: the fsync waits for a worker
        Assert.False(third.IsCompleted);

        gate.Set();
        await Task.WhenAll(blocked, second, third).WaitAsync(TimeSpan.FromSeconds(10));
    }
}
