using System;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys.Runtime.Tests.Reliability;
using Microsoft.Win32.SafeHandles;

namespace AsyncSys.Runtime.Tests;

/// <summary>
/// Try first, then ring, under concurrency: a file transfer joins the ones already on the ring rather than being
/// tried on its own (one io_uring_enter carries the batch), and a thread completing operation after operation
/// gives other waiting loops a turn. Results, bytes and counts are those of the plain paths.
/// </summary>
public sealed class ImmediateAttemptBatchingTests
{
    [Fact]
    public async Task A_page_cached_read_joins_file_reads_already_on_the_ring_instead_of_being_tried()
    {
        using var file = new TempFile(6000);
        using SafeFileHandle handle = file.Open(FileAccess.Read);
        using var counts = new ImmediateAttemptTests.RingCounts("immediate-join");
        using IoRing ring = IoRing.Create(new IoRingOptions { Backend = IoBackend.IoUring, Capacity = 64, Name = counts.RingName });
        Assert.Equal(IoBackend.IoUring, ring.Backend);

        // Hold the ring thread in code on its own context, so whatever is submitted stays on the queue.
        using var holding = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        Task held = ring.RunOnRingAsync(() =>
        {
            holding.Set();
            release.Wait();
            return Task.CompletedTask;
        });
        Assert.True(holding.Wait(ReliabilityAssert.Bound), "the ring thread did not run the holding code");

        var tail = new byte[4096];
        var head = new byte[4096];
        try
        {
            // The attempt reads only up to end of file (short for a positional read), so the ring redoes it.
            ValueTask<int> crossing = ring.ReadAsync(handle, tail, 4096);
            Assert.Equal(1, ring.FileTransfersOnRing);

            // A page-cache hit, which alone would complete at once, joins the read on the ring.
            ValueTask<int> hit = ring.ReadAsync(handle, head, 0);
            Assert.False(hit.IsCompleted, "a file read must join the file reads on the ring, not be tried");
            Assert.Equal(2, ring.FileTransfersOnRing);

            release.Set();
            Assert.Equal(6000 - 4096, await crossing);
            Assert.Equal(4096, await hit);
        }
        finally
        {
            release.Set();
            await ReliabilityAssert.Within(held, "the holding code");
        }

        Assert.Equal(file.Content.AsSpan(4096).ToArray(), tail.AsSpan(0, 6000 - 4096).ToArray());
        Assert.Equal(file.Content.AsSpan(0, 4096).ToArray(), head);
        Assert.Equal(0, ring.FileTransfersOnRing);
        Assert.Equal(0, counts["asyncsys.ops.immediate"]);
        Assert.Equal(2, counts["asyncsys.ops.completed"]);

        // Nothing on the ring any more: the next hit is tried, and completes at once.
        ValueTask<int> alone = ring.ReadAsync(handle, head, 1000);
        Assert.True(alone.IsCompletedSuccessfully, "with no file transfer on the ring, a page-cache hit completes at once");
        Assert.Equal(4096, await alone);
        Assert.Equal(1, counts["asyncsys.ops.immediate"]);
    }

    [Fact]
    public async Task A_socket_read_never_joins_the_file_reads_on_the_ring()
    {
        // A socket's recv may wait on the ring for its peer indefinitely: it is tried as before, whatever files do.
        using var file = new TempFile(6000);
        using SafeFileHandle handle = file.Open(FileAccess.Read);
        using IoRing ring = IoRing.Create(new IoRingOptions { Backend = IoBackend.IoUring, Capacity = 64, Name = "immediate-join-socket" });
        using var pair = new LoopbackPair();
        using var holding = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        Task held = ring.RunOnRingAsync(() =>
        {
            holding.Set();
            release.Wait();
            return Task.CompletedTask;
        });
        Assert.True(holding.Wait(ReliabilityAssert.Bound), "the ring thread did not run the holding code");
        try
        {
            ValueTask<int> crossing = ring.ReadAsync(handle, new byte[4096], 4096);
            Assert.Equal(1, ring.FileTransfersOnRing);

            pair.Client.Send(new byte[] { 1, 2, 3 });
            for (int i = 0; i < 1000 && pair.Server.Available == 0; i++)
            {
                Thread.Sleep(1);
            }

            Assert.True(pair.Server.Available > 0, "the loopback data arrived");
            var received = new byte[16];
            ValueTask<int> recv = ring.ReceiveAsync(pair.Server.SafeHandle, received, 0);
            Assert.True(recv.IsCompletedSuccessfully, "data waiting on a socket is read at once, files on the ring or not");
            Assert.Equal(3, await recv);
            Assert.Equal(new byte[] { 1, 2, 3 }, received.AsSpan(0, 3).ToArray());

            release.Set();
            Assert.Equal(6000 - 4096, await crossing);
        }
        finally
        {
            release.Set();
            await ReliabilityAssert.Within(held, "the holding code");
        }

        Assert.Equal(0, ring.FileTransfersOnRing);
    }
}

/// <summary>
/// Loops whose reads all complete at once take turns on the thread pool. Runs alone: whether every loop has started
/// before the first one ends depends on the pool's threads, which parallel tests that block them take away.
/// </summary>
[Collection(RunsAlone.Name)]
public sealed class ImmediateAttemptTurnTests
{
    [Theory]
    [InlineData(IoBackend.IoUring)]
    [InlineData(IoBackend.LinuxAio)]
    public async Task Many_loops_of_page_cache_hits_all_get_a_turn_and_every_read_returns_its_bytes(IoBackend backend)
    {
        const int Loops = 32;
        const int ReadsPerLoop = 200;
        using var file = new TempFile(1024 * 1024);
        using SafeFileHandle handle = file.Open(FileAccess.Read);
        using var counts = new ImmediateAttemptTests.RingCounts("immediate-turns-" + backend);
        using IoRing ring = IoRing.Create(new IoRingOptions { Backend = backend, Capacity = 256, Name = counts.RingName });
        Assert.Equal(backend, ring.Backend);

        int started = 0;
        int startedWhenFirstFinished = -1;
        int wrong = 0;
        // Every loop is queued before any reads: one that started while the others were still being created
        // could run to its end alone (0.6 ms of reads), which says nothing about taking turns.
        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        // PreferFairness: on the pool's shared queue, in order (Task.Run from a pool thread would put them on
        // that thread's own queue, which other threads take from only when the shared queue is empty).
        Task[] loops = Enumerable.Range(0, Loops).Select(loop => Task.Factory.StartNew(async () =>
        {
            await go.Task;
            var buffer = new byte[4096];
            var random = new Random(loop);
            for (int i = 0; i < ReadsPerLoop; i++)
            {
                long offset = random.Next(0, 256) * 4096L;
                int read = await ring.ReadAsync(handle, buffer, offset);
                if (read != 4096 || !buffer.AsSpan().SequenceEqual(file.Content.AsSpan((int)offset, 4096)))
                {
                    Interlocked.Increment(ref wrong);
                }

                if (i == 0)
                {
                    Interlocked.Increment(ref started);
                }
            }

            Interlocked.CompareExchange(ref startedWhenFirstFinished, Volatile.Read(ref started), -1);
        }, CancellationToken.None, TaskCreationOptions.PreferFairness, TaskScheduler.Default).Unwrap()).ToArray();
        // Released from a thread outside the pool, so the loops queue on the pool's shared queue in order (from a
        // pool thread they would go to its own queue, which it runs last-in first-out).
        await Task.Factory.StartNew(go.SetResult, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        await ReliabilityAssert.Within(Task.WhenAll(loops), "32 loops of reads");

        Assert.Equal(0, wrong);
        // Without turns the first loops run to their end before the others start (measured: 1 to 4 of 32 had started);
        // with them nearly all have (24 to 32 here). Exactly when each starts is up to the thread pool.
        Assert.True(startedWhenFirstFinished >= Loops / 2, $"{startedWhenFirstFinished} of {Loops} loops had started when the first finished");
        Assert.Equal(Loops * ReadsPerLoop, counts["asyncsys.ops.completed"]);
        Assert.Equal(0, ring.FileTransfersOnRing);
        Assert.Equal(0, ring.InFlightCount);
    }
}
