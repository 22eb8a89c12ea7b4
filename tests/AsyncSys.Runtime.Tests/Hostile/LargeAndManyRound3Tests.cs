using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.Win32.SafeHandles;

namespace AsyncSys.Runtime.Tests.Hostile;

/// <summary>
/// Sizes at the edges: 10,000 operations in flight on a 16-slot ring (callers beyond the table wait, nothing is
/// dropped: docs/backends.md), reads of about 1 GiB and vectored reads of more than 2 GiB from sparse files (counts
/// are ints; the kernel caps one transfer at 0x7FFFF000; any backend may return a short read), 1025 segments (the XML
/// docs: more than 1024 buffers is ArgumentException) and 1024 (works), offsets near long.MaxValue (the kernel's
/// answer, as a plain call gets it).
/// </summary>
public sealed class LargeAndManyRound3Tests
{
    private const int Cap = 0x7FFFF000;

    [Theory]
    [MemberData(nameof(DeliveryModes.Matrix), MemberType = typeof(DeliveryModes))]
    public async Task Ten_thousand_operations_on_a_16_slot_ring_each_end_once_and_no_byte_is_lost(IoBackend backend, DeliveryMode mode)
    {
        const int Operations = 10_000, Pipes = 100;
        using IoRing ring = Hostile.Create(backend, mode, capacity: 16);
        var pipes = Enumerable.Range(0, Pipes).Select(_ => new RawPipe()).ToArray();
        var ledger = new Ledger();
        var got = new byte[Operations];
        await Hostile.Run(ring, mode, async () =>
        {
            var ops = new List<Task<(Ending Ending, int Value, Exception? Error)>>(Operations);
            for (int i = 0; i < Operations; i++)
            {
                int k = i;
                ops.Add(k % 10 == 9
                    ? ledger.Track(() => ring.NopAsync(), "nop")
                    : ledger.Track(() => ring.ReadAsync(pipes[k % Pipes].Read, got.AsMemory(k, 1)), "read"));
            }

            // Every read takes one byte; the feeder puts in exactly as many as there are reads, each pipe its count.
            await Task.Run(() =>
            {
                for (int p = 0; p < Pipes; p++)
                {
                    int reads = Enumerable.Range(0, Operations).Count(k => k % 10 != 9 && k % Pipes == p);
                    pipes[p].Put(Enumerable.Repeat((byte)(p + 1), reads).ToArray());
                }
            });
            var endings = await Hostile.Within(Task.WhenAll(ops), ring, "10,000 operations on 16 slots");
            Assert.All(endings, e => Assert.Equal(Ending.Result, e.Ending));
        });

        ledger.AssertEachEndedOnce();
        for (int k = 0; k < Operations; k++)
        {
            Assert.Equal(k % 10 == 9 ? 0 : (byte)((k % Pipes) + 1), got[k]);
        }

        Assert.All(pipes, p => Assert.Equal(0, p.Pending));
        Assert.Equal(0, ring.InFlightCount);
        foreach (RawPipe pipe in pipes)
        {
            pipe.Dispose();
        }
    }

    /// <summary>A sparse file of <paramref name="length"/> bytes with a marker of 4 KiB at each of <paramref name="markers"/>.</summary>
    private static unsafe (TempFile File, SafeFileHandle Handle) Sparse(long length, params long[] markers)
    {
        var file = new TempFile();
        SafeFileHandle handle = File.OpenHandle(file.Path, FileMode.Open, FileAccess.ReadWrite);
        int fd = (int)handle.DangerousGetHandle();
        Sys.Check(Sys.ftruncate(fd, length), "ftruncate");
        foreach (long at in markers)
        {
            byte[] marker = Sys.Pattern(4096, (int)(at >> 20));
            fixed (byte* p = marker)
            {
                Assert.Equal(4096, (int)Sys.pwrite(fd, p, 4096, at));
            }
        }

        return (file, handle);
    }

    private static unsafe void AssertMarker(MappedMemory memory, long bufferStart, long fileOffsetOfBuffer, long marker, long valid)
    {
        long at = marker - fileOffsetOfBuffer + bufferStart;
        if (at < 0 || at + 4096 > valid)
        {
            return;
        }

        byte* p = (byte*)memory.Address + at;
        Assert.Equal(Sys.Pattern(4096, (int)(marker >> 20)), new ReadOnlySpan<byte>(p, 4096).ToArray());
    }

    [Theory]
    [InlineData(IoBackend.IoUring)]
    [InlineData(IoBackend.LinuxAio)]
    [InlineData(IoBackend.Workers)]
    public async Task A_one_GiB_read_past_four_GiB_of_a_sparse_file_returns_its_bytes_and_ReadExactly_fills_it(IoBackend backend)
    {
        const int GiB = 1 << 30;

        // The buffer is always 1 GiB; the file ends 128 MiB into it in the normal run (only what is read is committed),
        // 1 GiB with ASYNCSYS_HOSTILE_LONG=1.
        int region = Hostile.Long ? GiB : 128 << 20;
        long start = (5L << 30) + 4096;
        long[] markers = { start, start + (region / 2), start + region - 4096 };
        (TempFile file, SafeFileHandle handle) = Sparse(start + region, markers);
        using IoRing ring = Hostile.Create(backend, DeliveryMode.Pool);
        try
        {
            using (var memory = new MappedMemory(GiB))
            {
                int n = await Hostile.Within(ring.ReadAsync(handle, memory.Memory, start).AsTask(), ring, "a 1 GiB read");
                Assert.InRange(n, 1, region);
                foreach (long marker in markers)
                {
                    AssertMarker(memory, 0, start, marker, n);
                }
            }

            using (var memory = new MappedMemory(region))
            {
                await Hostile.Within(ring.ReadExactlyAsync(handle, memory.Memory, start).AsTask(), ring, "a ReadExactly to the end of the file");
                foreach (long marker in markers)
                {
                    AssertMarker(memory, 0, start, marker, region);
                }
            }
        }
        finally
        {
            handle.Dispose();
            file.Dispose();
        }

        Assert.Equal(0, ring.InFlightCount);
    }

    [Theory]
    [InlineData(IoBackend.IoUring)]
    [InlineData(IoBackend.LinuxAio)]
    [InlineData(IoBackend.Workers)]
    public async Task A_vectored_read_of_more_than_two_GiB_returns_at_most_the_kernels_cap_as_an_int_with_the_right_bytes(IoBackend backend)
    {
        // Two segments of 1.25 GiB: 2.5 GiB asked. The normal run's file holds 64 MiB (the count must not overflow
        // summing the lengths, and only what is read is committed); ASYNCSYS_HOSTILE_LONG=1 reads a 3 GiB file, where
        // the kernel's cap decides the count.
        const int Segment = 1280 << 20;
        long size = Hostile.Long ? 3L << 30 : 64L << 20;
        long[] markers = Hostile.Long ? new long[] { 0, Segment - 4096, Segment, (long)Cap - 4096 } : new long[] { 0, (32L << 20) - 4096, (64L << 20) - 4096 };
        (TempFile file, SafeFileHandle handle) = Sparse(size, markers);
        using IoRing ring = Hostile.Create(backend, DeliveryMode.Pool);
        try
        {
            using var first = new MappedMemory(Segment);
            using var second = new MappedMemory(Segment);
            int n = await Hostile.Within(ring.ReadAsync(handle, new[] { first.Memory, second.Memory }, 0).AsTask(), ring, "a 2.5 GiB vectored read");
            Assert.InRange(n, 1, (int)Math.Min(Cap, size));
            foreach (long marker in markers)
            {
                if (marker < Segment)
                {
                    AssertMarker(first, 0, 0, marker, Math.Min(n, Segment));
                }
                else
                {
                    AssertMarker(second, 0, Segment, marker, n - (long)Segment);
                }
            }
        }
        finally
        {
            handle.Dispose();
            file.Dispose();
        }

        Assert.Equal(0, ring.InFlightCount);
    }

    [Theory]
    [MemberData(nameof(DeliveryModes.Matrix), MemberType = typeof(DeliveryModes))]
    public async Task Vectored_calls_with_1025_segments_are_refused_before_admission_and_1024_work(IoBackend backend, DeliveryMode mode)
    {
        using IoRing ring = Hostile.Create(backend, mode, capacity: 1);
        using var file = new TempFile(4096);
        using SafeFileHandle handle = file.Open();
        int fd = (int)handle.DangerousGetHandle();
        await Hostile.Run(ring, mode, async () =>
        {
            var tooMany = Enumerable.Range(0, 1025).Select(_ => new Memory<byte>(new byte[4])).ToArray();
            var tooManyOut = tooMany.Select(m => (ReadOnlyMemory<byte>)m).ToArray();
            await Assert.ThrowsAnyAsync<ArgumentException>(async () => await ring.ReadAsync(handle, tooMany, 0));
            await Assert.ThrowsAnyAsync<ArgumentException>(async () => await ring.ReadAsync(fd, tooMany, 0));
            await Assert.ThrowsAnyAsync<ArgumentException>(async () => await ring.WriteAsync(fd, tooManyOut, 0));
            await Assert.ThrowsAnyAsync<ArgumentException>(async () => await ring.WriteAtMostAsync(fd, tooManyOut, 0));
            Assert.ThrowsAny<ArgumentException>(() => RingRequest.ReadV(fd, tooMany, 0));
            Assert.Equal(0, ring.InFlightCount);

            var segments = Enumerable.Range(0, 1024).Select(_ => new Memory<byte>(new byte[4])).ToArray();
            Assert.Equal(4096, await ring.ReadAsync(handle, segments, 0));
            Assert.Equal(file.Content, segments.SelectMany(s => s.ToArray()).ToArray());
        });

        Assert.Equal(0, ring.InFlightCount);
    }

    private static string Plain(long r) => r < 0 ? Sys.LastErrno : "result " + r;

    private static async Task<string> Answer(IoRing ring, Func<Task<int>> call, string what)
    {
        Task<string> answer = Task.Run(async () =>
        {
            try
            {
                return "result " + await call();
            }
            catch (ErrnoException e)
            {
                return e.ErrnoName;
            }
        });
        return await Hostile.Within(answer, ring, what);
    }

    [Theory]
    [MemberData(nameof(DeliveryModes.Matrix), MemberType = typeof(DeliveryModes))]
    public async Task Offsets_and_lengths_near_long_MaxValue_get_what_a_plain_call_gets(IoBackend backend, DeliveryMode mode)
    {
        using IoRing ring = Hostile.Create(backend, mode);
        using var file = new TempFile(4096);
        using SafeFileHandle handle = file.Open();
        int fd = (int)handle.DangerousGetHandle();
        long near = long.MaxValue - 8;
        (string plainRead, string plainReadV, string plainFallocate, string plainTruncate) = PlainAnswers(fd, near);
        await Hostile.Run(ring, mode, async () =>
        {
            Assert.Equal(plainRead, await Answer(ring, () => ring.ReadAsync(fd, new byte[16], near).AsTask(), "a read near long.MaxValue"));
            Assert.Equal(plainReadV, await Answer(ring, () => ring.ReadAsync(fd, new[] { new Memory<byte>(new byte[16]) }, near).AsTask(), "a vectored read near long.MaxValue"));
            Assert.Equal(plainFallocate, await Answer(ring, async () => { await ring.FallocateAsync(fd, 0, near, 16); return 0; }, "fallocate near long.MaxValue"));
            Assert.Equal(plainTruncate, await Answer(ring, async () => { await ring.FtruncateAsync(fd, long.MaxValue); return 0; }, "ftruncate to long.MaxValue"));
        });

        Assert.Equal(4096, new FileInfo(file.Path).Length);
        Assert.Equal(0, ring.InFlightCount);
    }

    private static unsafe (string Read, string ReadV, string Fallocate, string Truncate) PlainAnswers(int fd, long near)
    {
        byte* p = stackalloc byte[16];
        nint* iov = stackalloc nint[2];
        iov[0] = (nint)p;
        iov[1] = 16;
        string read = Plain(Sys.pread(fd, p, 16, near));
        string readV = Plain(Sys.preadv(fd, iov, 1, near));
        string fallocate = Plain(Sys.fallocate(fd, 0, near, 16));
        string truncate = Plain(Sys.ftruncate(fd, long.MaxValue));
        return (read, readV, fallocate, truncate);
    }
}
