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
    public async Task A_page_cached_read_joins_many_file_reads_already_on_the_ring_instead_of_being_tried()
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

        int busy = AsyncSys.Operations.ImmediateAttempts.BusyRingFileTransfers;
        byte[][] tails = Enumerable.Range(0, busy).Select(_ => new byte[4096]).ToArray();
        var head = new byte[4096];
        var crossing = new ValueTask<int>[busy];
        try
        {
            // Each attempt reads only up to end of file (short for a positional read), so the ring redoes it.
            for (int i = 0; i < busy; i++)
            {
                crossing[i] = ring.ReadAsync(handle, tails[i], 4096);
                Assert.Equal(i + 1, ring.FileTransfersOnRing);
            }

            // A page-cache hit, which alone would complete at once, joins the reads on the ring.
            ValueTask<int> hit = ring.ReadAsync(handle, head, 0);
            Assert.False(hit.IsCompleted, "a file read must join the file reads on the ring, not be tried");
            Assert.Equal(busy + 1, ring.FileTransfersOnRing);

            release.Set();
            foreach (ValueTask<int> read in crossing)
            {
                Assert.Equal(6000 - 4096, await read);
            }

            Assert.Equal(4096, await hit);
        }
        finally
        {
            release.Set();
            await ReliabilityAssert.Within(held, "the holding code");
        }

        Assert.All(tails, tail => Assert.Equal(file.Content.AsSpan(4096).ToArray(), tail.AsSpan(0, 6000 - 4096).ToArray()));
        Assert.Equal(file.Content.AsSpan(0, 4096).ToArray(), head);
        Assert.Equal(0, ring.FileTransfersOnRing);
        Assert.Equal(0, counts["asyncsys.ops.immediate"]);
        Assert.Equal(busy + 1, counts["asyncsys.ops.completed"]);

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

    [Theory]
    [InlineData(IoBackend.IoUring)]
    [InlineData(IoBackend.LinuxAio)]
    public async Task Every_sixteenth_hit_in_a_row_resumes_after_waiting_work_with_its_own_bytes(IoBackend backend)
    {
        // Whether pool work waits is the pool's own business (measured in bench/: "loops" active); here it always
        // does, so the turn is taken at every 16th operation of a run and its contract checked each time.
        const int Loops = 8;
        const int ReadsPerLoop = 200;
        using var file = new TempFile(1024 * 1024);
        using SafeFileHandle handle = file.Open(FileAccess.Read);
        using var counts = new ImmediateAttemptTests.RingCounts("immediate-turns-" + backend);
        using IoRing ring = IoRing.Create(new IoRingOptions
        {
            Backend = backend,
            Capacity = 256,
            Name = counts.RingName,
            OtherWorkWaiting = () => true,
        });
        Assert.Equal(backend, ring.Backend);

        // One loop alone on a thread of its own: the 16th read of each run completes on the caller's thread but
        // resumes from the pool.
        var buffer = new byte[4096];
        var resumedFromPool = new bool[48];
        await Task.Factory.StartNew(
            async () =>
            {
                for (int i = 0; i < resumedFromPool.Length; i++)
                {
                    ValueTask<int> read = ring.ReadAsync(handle, buffer, i * 4096L);
                    resumedFromPool[i] = !read.IsCompleted;
                    Assert.Equal(4096, await read);
                    Assert.True(buffer.AsSpan().SequenceEqual(file.Content.AsSpan(i * 4096, 4096)), $"read {i}'s bytes");
                }
            },
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default).Unwrap();
        int[] turns = Enumerable.Range(0, resumedFromPool.Length).Where(i => resumedFromPool[i]).ToArray();
        Assert.All(turns, i => Assert.Equal(15, i % 16)); // never another one; and the others completed at once
        Assert.NotEmpty(turns);

        // Many loops at once: every read returns its bytes, each completes once, nothing stays counted.
        int wrong = 0;
        Task[] loops = Enumerable.Range(0, Loops).Select(loop => Task.Run(async () =>
        {
            var own = new byte[4096];
            var random = new Random(loop);
            for (int i = 0; i < ReadsPerLoop; i++)
            {
                long offset = random.Next(0, 256) * 4096L;
                if (await ring.ReadAsync(handle, own, offset) != 4096 || !own.AsSpan().SequenceEqual(file.Content.AsSpan((int)offset, 4096)))
                {
                    Interlocked.Increment(ref wrong);
                }
            }
        })).ToArray();
        await ReliabilityAssert.Within(Task.WhenAll(loops), "8 loops of reads");

        Assert.Equal(0, wrong);
        Assert.Equal(resumedFromPool.Length + (Loops * ReadsPerLoop), counts["asyncsys.ops.completed"]);
        Assert.Equal(0, ring.FileTransfersOnRing);
        Assert.Equal(0, ring.InFlightCount);
    }
}
