using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys.Backends.LinuxAio;
using AsyncSys.Interop;
using AsyncSys.Operations;
using Microsoft.Win32.SafeHandles;

namespace AsyncSys.Runtime.Tests;

/// <summary>What is particular to the Linux AIO backend: what runs on the ring, the NOWAIT retry model, io_cancel, user-space reaping.</summary>
public sealed class LinuxAioTests
{
    private static IoRing CreateAio(int capacity = 64) => Backends.Create(IoBackend.LinuxAio, capacity);

    private static LinuxAioBackend Backend(IoRing ring) => Assert.IsType<LinuxAioBackend>(ring.RingBackend);

    [Fact]
    public void Reads_writes_fsync_and_poll_are_native_everything_else_goes_to_workers()
    {
        using var ring = CreateAio();

        Assert.Equal(IoBackend.LinuxAio, ring.Backend);
        Assert.Equal("aio (chosen by option)", ring.BackendDescription);
        foreach (RingOp op in new[] { RingOp.Read, RingOp.Write, RingOp.ReadV, RingOp.WriteV, RingOp.Fsync, RingOp.Fdatasync, RingOp.Poll })
        {
            Assert.True(ring.IsNative(op), op + " should be on the AIO ring");
        }

        foreach (RingOp op in new[] { RingOp.Nop, RingOp.OpenAt, RingOp.Close, RingOp.Statx, RingOp.Send, RingOp.Recv, RingOp.Accept, RingOp.Timeout, RingOp.Splice })
        {
            Assert.False(ring.IsNative(op), op + " has no AIO command");
        }

        Assert.True(Backend(ring).UserSpaceReaping, "this kernel's aio_ring has the known magic and no incompatible features");
    }

    [Fact]
    public async Task A_cached_read_completes_on_the_ring_without_any_worker()
    {
        using var ring = CreateAio();
        using var file = new TempFile(1 << 16);
        using var handle = file.Open(FileAccess.Read);
        var buffer = new byte[8192];

        for (int i = 0; i < 20; i++)
        {
            Assert.Equal(8192, await ring.ReadAsync(handle, buffer, i * 1000));
            Assert.Equal(file.Content.AsSpan(i * 1000, 8192).ToArray(), buffer);
        }

        Assert.Equal(0, ring.Workers.ThreadCount);
        Assert.Equal(0, Backend(ring).WorkerRetries);
    }

    [Fact]
    public async Task Reads_at_the_file_position_go_to_workers_because_AIO_has_no_current_position()
    {
        using var ring = CreateAio();
        using var file = new TempFile(3000);
        using var handle = file.Open(FileAccess.Read);
        var first = new byte[1000];
        var second = new byte[1000];

        Assert.Equal(1000, await ring.ReadAsync(handle, first));
        Assert.Equal(1000, await ring.ReadAsync(handle, second));

        Assert.Equal(file.Content.AsSpan(0, 1000).ToArray(), first);
        Assert.Equal(file.Content.AsSpan(1000, 1000).ToArray(), second);
        Assert.True(ring.Workers.ThreadCount > 0);
    }

    [Fact]
    public async Task An_uncached_read_that_would_block_is_retried_on_a_worker_and_returns_the_right_bytes()
    {
        using var ring = CreateAio();
        using var file = new TempFile(16 << 20);
        using var handle = file.Open(FileAccess.ReadWrite);
        int fd = (int)handle.DangerousGetHandle();
        var buffer = new byte[256 * 1024];

        // DONTNEED is advice, and an uncached NOWAIT read starts the device read before it gives up: on a fast
        // virtual disk, or when the reading thread is preempted inside io_submit on a loaded machine, that read can
        // finish first and the kernel then does the read with no EAGAIN (5 tries failed once in a full-suite run).
        // So evict and read again, each time a range no earlier attempt's readahead touched, until one comes back.
        for (int attempt = 0; attempt < 60 && Backend(ring).WorkerRetries == 0; attempt++)
        {
            long offset = attempt * (long)buffer.Length;
            Assert.Equal(0, Libc.fsync(fd));
            Assert.Equal(0, Libc.posix_fadvise(fd, 0, 0, 4)); // POSIX_FADV_DONTNEED: drop the clean pages
            Array.Clear(buffer);

            int read = await ring.ReadAsync(handle, buffer, offset);

            Assert.Equal(buffer.Length, read);
            Assert.Equal(file.Content.AsSpan((int)offset, buffer.Length).ToArray(), buffer);
        }

        Assert.True(Backend(ring).WorkerRetries > 0, "RWF_NOWAIT should have made the kernel give the uncached read back (EAGAIN)");
    }

    [Fact]
    public async Task Buffered_writes_and_fsync_round_trip_whether_the_kernel_takes_them_or_hands_them_to_a_worker()
    {
        using var ring = CreateAio();
        using var file = new TempFile(0);
        using var handle = file.Open();
        byte[] data = Enumerable.Range(0, 300_000).Select(i => (byte)(i * 31)).ToArray();

        await ring.WriteAsync(handle, data, 0);
        await ring.FsyncAsync(handle);
        await ring.FdatasyncAsync(handle);

        Assert.Equal(data, File.ReadAllBytes(file.Path));
    }

    [Fact]
    public async Task Fsync_on_a_pipe_fails_with_the_same_errno_as_the_blocking_call()
    {
        using var ring = CreateAio();
        using var pipe = new Pipe();

        var error = await Assert.ThrowsAsync<ErrnoException>(async () => await ring.FsyncAsync(pipe.WriteFd));

        Assert.Equal(Errno.EINVAL, error.Errno);
        Assert.Equal("fsync", error.Syscall);
    }

    [Fact]
    public async Task A_cancelled_read_still_ends_with_the_kernels_completion_and_a_correct_buffer()
    {
        using var ring = CreateAio();
        using var file = new TempFile(1 << 16);
        using var handle = file.Open(FileAccess.Read);
        for (int i = 0; i < 50; i++)
        {
            var buffer = new byte[4096];
            using var cts = new CancellationTokenSource();
            ValueTask<int> pending = ring.ReadAsync(handle, buffer, 4096, cts.Token);
            cts.Cancel();
            try
            {
                // AIO cannot cancel a read: when it had reached the kernel, its result is delivered.
                Assert.Equal(4096, await pending);
                Assert.Equal(file.Content.AsSpan(4096, 4096).ToArray(), buffer);
            }
            catch (OperationCanceledException)
            {
                Assert.All(buffer, b => Assert.Equal(0, b)); // cancelled before it started: never touched
            }
        }

        Assert.Equal(0, ring.InFlightCount);
    }

    [Fact]
    public async Task A_late_cancel_for_a_recycled_slot_never_cancels_the_new_poll_though_io_cancel_matches_the_iocb_address()
    {
        using var ring = CreateAio(capacity: 1);
        using var pipe = new Pipe();
        pipe.Write(new byte[] { 1 });
        await ring.PollAsync(pipe.ReadFd, PollEvents.In); // completes at once: the slot's first occupant
        Operation slot = ring.Table[0];
        ulong firstId = slot.Id;
        var drain = new byte[1];
        Assert.Equal(1, await ring.ReadAsync(pipe.ReadFd, drain));

        ValueTask<PollEvents> second = ring.PollAsync(pipe.ReadFd, PollEvents.In);
        Assert.NotEqual(firstId, slot.Id);
        ring.RingBackend.Cancel(slot, firstId); // same slot, same iocb address, old generation
        await Task.Delay(50);

        Assert.False(second.IsCompleted);
        pipe.Write(new byte[] { 2 });
        Assert.Equal(PollEvents.In, await second & PollEvents.In);
    }

    [Fact]
    public async Task Cancelling_many_polls_at_once_cancels_each_through_io_cancel()
    {
        using var ring = CreateAio(capacity: 256);
        using var pipe = new Pipe();
        using var cts = new CancellationTokenSource();
        Task<PollEvents>[] polls = Enumerable.Range(0, 200).Select(_ => ring.PollAsync(pipe.ReadFd, PollEvents.In, cts.Token).AsTask()).ToArray();
        await Task.Delay(20);

        cts.Cancel();

        foreach (Task<PollEvents> poll in polls)
        {
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => poll);
        }

        Assert.Equal(0, ring.InFlightCount);
        Assert.Equal(0, ring.Workers.ThreadCount); // all on the ring: none was retried on a worker
    }

    [Fact]
    public void Dispose_of_an_idle_ring_is_prompt_because_the_eventfd_poll_wakes_the_completion_thread()
    {
        var ring = CreateAio();
        Assert.True(Backend(ring).PollOnRing);
        Thread.Sleep(50); // the completion thread is now inside io_pgetevents

        var clock = Stopwatch.StartNew();
        ring.Dispose();

        // The wait's safety-net timeout is one second; the wake must beat it by far.
        Assert.True(clock.Elapsed < TimeSpan.FromMilliseconds(700), $"Dispose took {clock.Elapsed}");
        Assert.True(Backend(ring).IsStopped);
    }

    [Fact]
    public async Task Concurrent_submitters_share_io_submit_calls_and_every_read_is_correct()
    {
        using var ring = CreateAio(capacity: 256);
        using var file = new TempFile(1 << 16);
        using var handle = file.Open(FileAccess.Read);

        Task[] readers = Enumerable.Range(0, 8).Select(t => Task.Run(async () =>
        {
            var buffer = new byte[512];
            for (int i = 0; i < 200; i++)
            {
                int offset = ((t * 200) + i) * 7 % 60000;
                Assert.Equal(512, await ring.ReadAsync(handle, buffer, offset));
                Assert.Equal(file.Content.AsSpan(offset, 512).ToArray(), buffer);
            }
        })).ToArray();
        await Task.WhenAll(readers);

        Assert.Equal(0, ring.InFlightCount);
        ConcurrencyTests.AssertAllSlotsFree(ring);
    }

    [Fact]
    public async Task Slots_recycled_while_a_batch_is_being_submitted_never_lose_a_poll_cancel()
    {
        // Cached reads complete inside io_submit, so their slots are recycled (and their iocbs rewritten by the
        // next occupant) while the submitting thread is still walking its batch; polls on a silent pipe end only
        // by cancellation. A cancel sent to the wrong occupant or too early would leave a poll waiting forever.
        // Inline continuations make the completion thread recycle a slot and prepare its next occupant at once,
        // while the submitting thread is still inside a long io_submit (many 16 KiB cached reads).
        using var ring = IoRing.Create(new IoRingOptions { Backend = IoBackend.LinuxAio, Capacity = 64, InlineContinuations = true, Name = "test-aio-recycle" });
        using var file = new TempFile(1 << 20);
        using var handle = file.Open(FileAccess.Read);
        using var pipe = new Pipe();

        Task[] workers = Enumerable.Range(0, 12).Select(t => Task.Run(async () =>
        {
            var buffer = new byte[16384];
            for (int i = 0; i < 150; i++)
            {
                using var cts = new CancellationTokenSource();
                ValueTask<int> read = ring.ReadAsync(handle, buffer, (((t * 150) + i) * 4096) % ((1 << 20) - 16384));
                ValueTask<PollEvents> poll = ring.PollAsync(pipe.ReadFd, PollEvents.In, cts.Token);
                ValueTask<int> read2 = ring.ReadAsync(handle, buffer, 0);
                if ((i & 1) == 0)
                {
                    await Task.Yield();
                }

                cts.Cancel();
                Assert.Equal(16384, await read);
                Assert.Equal(16384, await read2);
                await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await poll);
            }
        })).ToArray();

        await Task.WhenAll(workers).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(0, ring.InFlightCount);
        ConcurrencyTests.AssertAllSlotsFree(ring);
    }
}
