using System;
using System.Buffers;
using System.IO;
using System.Runtime.InteropServices;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys.Backends.IoUring;
using AsyncSys.Runtime.Tests.Reliability;
using Microsoft.Win32.SafeHandles;

namespace AsyncSys.Runtime.Tests;

/// <summary>
/// An io_uring ring hands storage requests (file reads, writes, syncs) to the kernel at most
/// <see cref="IoUringBackend.StorageRequestsPerEnter"/> per io_uring_enter, so a device that answers a whole hand-off at
/// once is kept busy rather than driven in rounds; requests that complete inside their own call (page-cache hits) lift
/// the cap until one goes to the device again. What must hold: the cap is kept for device reads, lifted for cached ones
/// and restored, every request completes exactly once with its own bytes, and an operation with a deadline (two linked
/// entries) keeps its deadline when the queue is cut into groups around it. Real io_uring rings, real files and pipes.
/// </summary>
public sealed class StorageGroupTests
{
    private const int BlockSize = 4096;
    private const int Blocks = 64;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Reads_that_go_to_the_device_go_at_most_four_per_call_and_each_returns_its_own_block(bool inline)
    {
        // O_DIRECT: every read goes to the device and completes after its io_uring_enter returned, so the cap stays.
        using var file = new TempFile(BlockSize * Blocks);
        using IoRing ring = IoRing.Create(new IoRingOptions
        {
            Backend = IoBackend.IoUring, Capacity = 256, Name = "storage-groups", TryNonBlockingFirst = false, InlineContinuations = inline,
        });
        using DirectFileHandle handle = await ring.OpenDirectAsync(file.Path, OpenFlags.ReadOnly);
        var backend = (IoUringBackend)ring.RingBackend;

        await ReadBlocksFromLoops(ring, handle, file, onRingContext: false);

        // Every entry on this ring is a storage request (the reads, and the ring's own wake read): so no call may have
        // carried more than four. Without the cap, 32 loops resubmit in rounds of up to 32 per call.
        Assert.True(
            backend.EntriesSubmitted <= IoUringBackend.StorageRequestsPerEnter * backend.EnterCalls,
            $"{backend.EntriesSubmitted} entries in {backend.EnterCalls} io_uring_enter calls");
        Assert.Equal(0, backend.StorageLimitLifted);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Page_cached_reads_that_complete_inside_their_call_lift_the_cap_and_each_returns_its_own_block(bool onRingContext)
    {
        // The file was just written: its pages are cached, each read completes inside the io_uring_enter that submits it,
        // and groups of four would only multiply the calls.
        using var file = new TempFile(BlockSize * Blocks);
        using SafeFileHandle handle = file.Open(FileAccess.Read);
        using IoRing ring = IoRing.Create(new IoRingOptions
        {
            Backend = IoBackend.IoUring, Capacity = 256, Name = "storage-groups-cached", TryNonBlockingFirst = false,
        });
        var backend = (IoUringBackend)ring.RingBackend;

        await ReadBlocksFromLoops(ring, handle, file, onRingContext);

        Assert.True(backend.StorageLimitLifted >= 1, $"never lifted: {backend.EntriesSubmitted} entries in {backend.EnterCalls} calls");
        Assert.True(
            backend.EntriesSubmitted > IoUringBackend.StorageRequestsPerEnter * backend.EnterCalls,
            $"{backend.EntriesSubmitted} entries in {backend.EnterCalls} io_uring_enter calls");
    }

    [Fact]
    public async Task A_lifted_cap_comes_back_when_reads_go_to_the_device_again()
    {
        using var file = new TempFile(BlockSize * Blocks);
        using SafeFileHandle cached = file.Open(FileAccess.Read);
        using IoRing ring = IoRing.Create(new IoRingOptions
        {
            Backend = IoBackend.IoUring, Capacity = 256, Name = "storage-groups-switch", TryNonBlockingFirst = false,
        });
        using DirectFileHandle direct = await ring.OpenDirectAsync(file.Path, OpenFlags.ReadOnly);
        var backend = (IoUringBackend)ring.RingBackend;

        await ReadBlocksFromLoops(ring, cached, file, onRingContext: true);
        Assert.True(backend.StorageLimitLifted >= 1, "page-cached reads never lifted the cap");

        // The first group submitted alone (one chance in 64 while lifted) that does not complete in its call restores it.
        await ReadBlocksFromLoops(ring, direct, file, onRingContext: true);
        Assert.True(backend.StorageLimitRestored >= 1, "O_DIRECT reads never brought the cap back");

        long entries = backend.EntriesSubmitted, calls = backend.EnterCalls, lifted = backend.StorageLimitLifted;
        await ReadBlocksFromLoops(ring, direct, file, onRingContext: true);
        Assert.Equal(lifted, backend.StorageLimitLifted);
        Assert.True(
            backend.EntriesSubmitted - entries <= IoUringBackend.StorageRequestsPerEnter * (backend.EnterCalls - calls),
            $"{backend.EntriesSubmitted - entries} entries in {backend.EnterCalls - calls} io_uring_enter calls after the cap came back");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Page_cached_and_O_DIRECT_reads_mixed_each_return_their_own_block_as_the_cap_is_lifted_and_restored(bool withDeadlines)
    {
        // Half the loops read through the page cache (complete inside their call), half with O_DIRECT (complete later):
        // groups of either kind lift or restore the cap as they come, and with deadlines each read is two linked entries,
        // which a lifted cap submits in one call and a restored one must never separate. Every read still ends once,
        // with its own block.
        using var file = new TempFile(BlockSize * Blocks);
        using IoRing ring = IoRing.Create(new IoRingOptions
        {
            Backend = IoBackend.IoUring, Capacity = 256, Name = "storage-groups-mixed", TryNonBlockingFirst = false,
        });
        using SafeFileHandle cached = file.Open(FileAccess.Read);
        using DirectFileHandle direct = await ring.OpenDirectAsync(file.Path, OpenFlags.ReadOnly);
        var backend = (IoUringBackend)ring.RingBackend;
        for (int round = 0; round < 4; round++)
        {
            await ReadBlocksFromLoops(ring, cached, file, onRingContext: round % 2 == 0, withDeadlines ? TimeSpan.FromSeconds(30) : null, oddLoops: direct);
        }

        Assert.True(backend.StorageLimitRestored <= backend.StorageLimitLifted, $"restored {backend.StorageLimitRestored}, lifted {backend.StorageLimitLifted}");
    }

    /// <summary>
    /// 32 loops of 40 reads of 4 KiB blocks, each checked against the file's bytes, on the pool or the ring's context; each
    /// read with <paramref name="deadline"/> if given, and the odd loops' through <paramref name="oddLoops"/> if given.
    /// </summary>
    private static async Task ReadBlocksFromLoops(IoRing ring, SafeHandle handle, TempFile file, bool onRingContext, TimeSpan? deadline = null, SafeHandle? oddLoops = null)
    {
        const int Loops = 32, PerLoop = 40;
        long read = 0;

        async Task ReadLoop(int loop)
        {
            using IMemoryOwner<byte> owner = AlignedBufferPool.Shared.Rent(BlockSize); // aligned: the O_DIRECT handle checks it
            Memory<byte> buffer = owner.Memory[..BlockSize];
            for (int i = 0; i < PerLoop; i++)
            {
                int block = ((loop * 7) + (i * 13)) % Blocks;
                RingRequest request = RingRequest.Read(oddLoops is not null && loop % 2 == 1 ? oddLoops : handle, buffer, (long)block * BlockSize);
                int n = await ring.SubmitAsync(deadline is { } limit ? request.WithTimeout(limit) : request);
                Assert.Equal(BlockSize, n);
                Assert.True(buffer.Span.SequenceEqual(file.Content.AsSpan(block * BlockSize, BlockSize)), $"block {block} read back wrong");
                Interlocked.Increment(ref read);
            }
        }

        Task all = onRingContext
            ? ring.RunOnRingAsync(() => Task.WhenAll(Enumerable.Range(0, Loops).Select(ReadLoop)))
            : Task.WhenAll(Enumerable.Range(0, Loops).Select(loop => Task.Run(() => ReadLoop(loop))));
        await ReliabilityAssert.Within(all, "read loops");
        Assert.Equal(Loops * PerLoop, Interlocked.Read(ref read));
        Assert.Equal(0, ring.InFlightCount);
    }

    [Fact]
    public async Task Deadlines_stay_linked_to_their_reads_when_the_queue_is_cut_into_groups()
    {
        using var file = new TempFile(BlockSize * Blocks);
        using SafeFileHandle handle = file.Open(FileAccess.Read);
        using var pipe = new Pipe();
        using IoRing ring = Backends.Create(IoBackend.IoUring, name: "storage-groups-deadlines");
        const int Waiters = 12, Readers = 24, PerReader = 20;

        // Reads of an empty pipe with a deadline: each is a read entry linked to a timeout entry. If a group boundary
        // fell between the two, the read would be submitted without its deadline and never end.
        Task<int>[] waiters = Enumerable.Range(0, Waiters).Select(_ => Task.Run(async () =>
        {
            var buffer = new byte[16];
            ErrnoException error = await Assert.ThrowsAsync<ErrnoException>(async () =>
                await ring.SubmitAsync(RingRequest.Read(pipe.ReadFd, buffer, -1).WithTimeout(TimeSpan.FromMilliseconds(200))).ConfigureAwait(false));
            return error.Errno;
        })).ToArray();

        // File reads with generous deadlines around them, so the queue holds reads and deadlines interleaved.
        Task[] readers = Enumerable.Range(0, Readers).Select(reader => Task.Run(async () =>
        {
            var buffer = new byte[BlockSize];
            for (int i = 0; i < PerReader; i++)
            {
                int block = ((reader * 5) + (i * 11)) % Blocks;
                int n = await ring.SubmitAsync(RingRequest.Read(handle, buffer, (long)block * BlockSize).WithTimeout(TimeSpan.FromSeconds(30))).ConfigureAwait(false);
                Assert.Equal(BlockSize, n);
                Assert.True(buffer.AsSpan().SequenceEqual(file.Content.AsSpan(block * BlockSize, BlockSize)), $"block {block} read back wrong");
            }
        })).ToArray();

        await ReliabilityAssert.Within(Task.WhenAll(readers), "file readers");
        int[] ends = await ReliabilityAssert.WithinResult(Task.WhenAll(waiters), "pipe reads with deadlines");
        Assert.All(ends, errno => Assert.Equal(Errno.ETIME, errno));
        Assert.Equal(0, ring.InFlightCount);
    }
}
