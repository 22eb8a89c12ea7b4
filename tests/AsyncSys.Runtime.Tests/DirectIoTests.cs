using System;
using System.Buffers;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;

namespace AsyncSys.Runtime.Tests;

/// <summary>O_DIRECT: aligned buffers, alignment checked before the kernel, round trips, end of file, extending writes.</summary>
public sealed class DirectIoTests
{
    private const OpenFlags ReadWriteCreate = OpenFlags.ReadWrite | OpenFlags.Create;

    private static string NewPath() => Path.Combine(Path.GetTempPath(), "asyncsys-direct-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public void The_O_DIRECT_flag_is_the_one_for_this_architecture()
    {
        int expected = RuntimeInformation.ProcessArchitecture == Architecture.Arm64 ? 0x10000 : 0x4000;
        Assert.Equal(expected, DirectIo.OpenDirectFlag);
    }

    [Fact]
    public void Alignment_comes_from_statx_or_the_block_size_and_is_a_power_of_two()
    {
        string path = NewPath();
        try
        {
            using DirectFileHandle handle = DirectFileHandle.Open(path, ReadWriteCreate);
            Assert.True(IsPowerOfTwo(handle.MemoryAlignment), $"memory alignment {handle.MemoryAlignment}");
            Assert.True(IsPowerOfTwo(handle.OffsetAlignment), $"offset alignment {handle.OffsetAlignment}");
            Assert.InRange(handle.OffsetAlignment, 512, 65536);
            Assert.Equal((handle.MemoryAlignment, handle.OffsetAlignment), DirectIo.QueryAlignment(handle));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task An_O_DIRECT_round_trip_returns_the_data_written(IoBackend backend)
    {
        using var ring = Backends.Create(backend);
        string path = NewPath();
        try
        {
            using DirectFileHandle handle = await ring.OpenDirectAsync(path, ReadWriteCreate);
            using IMemoryOwner<byte> output = AlignedBufferPool.Shared.Rent(64 * 1024);
            using IMemoryOwner<byte> input = AlignedBufferPool.Shared.Rent(64 * 1024);
            Span<byte> bytes = output.Memory.Span;
            for (int i = 0; i < bytes.Length; i++)
            {
                bytes[i] = (byte)((i * 7) ^ (i >> 9));
            }

            await ring.WriteAsync(handle, output.Memory, 0);
            await ring.FsyncAsync(handle);
            await ring.ReadExactlyAsync(handle, input.Memory, 0);

            Assert.True(output.Memory.Span.SequenceEqual(input.Memory.Span));
            Assert.Equal(output.Memory.ToArray(), File.ReadAllBytes(path));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task Misaligned_buffer_offset_or_length_is_rejected_before_the_kernel_naming_the_alignment(IoBackend backend)
    {
        using var ring = Backends.Create(backend);
        string path = NewPath();
        try
        {
            using DirectFileHandle handle = await ring.OpenDirectAsync(path, ReadWriteCreate);
            using IMemoryOwner<byte> owner = AlignedBufferPool.Shared.Rent(3 * 4096);
            int block = handle.OffsetAlignment;
            Memory<byte> aligned = owner.Memory[..block];

            var address = Assert.Throws<ArgumentException>(() => { _ = ring.ReadAsync(handle, owner.Memory.Slice(1, block), 0); });
            var offset = Assert.Throws<ArgumentException>(() => { _ = ring.WriteAsync(handle, aligned, 100); });
            var length = Assert.Throws<ArgumentException>(() => { _ = ring.ReadAsync(handle, aligned[..(block - 1)], 0); });
            var vector = Assert.Throws<ArgumentException>(() => { _ = ring.ReadAsync(handle, new[] { aligned, owner.Memory.Slice(block + 1, block) }, 0); });

            Assert.Contains($"aligned to {handle.MemoryAlignment} bytes", address.Message, StringComparison.Ordinal);
            Assert.Equal("buffer", address.ParamName);
            Assert.Contains($"multiples of {block} bytes", offset.Message, StringComparison.Ordinal);
            Assert.Equal("fileOffset", offset.ParamName);
            Assert.Contains($"multiples of {block} bytes", length.Message, StringComparison.Ordinal);
            Assert.Contains("aligned to", vector.Message, StringComparison.Ordinal);
            Assert.Equal(0, ring.InFlightCount);
            ConcurrencyTests.AssertAllSlotsFree(ring); // the slots were given back, nothing stayed pinned
            Assert.Equal(0, new FileInfo(path).Length);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task A_read_at_end_of_file_is_short_and_ReadExactly_reports_end_of_stream(IoBackend backend)
    {
        using var ring = Backends.Create(backend);
        string path = NewPath();
        try
        {
            byte[] content = Enumerable.Range(0, 8192 + 100).Select(i => (byte)(i * 3)).ToArray();
            File.WriteAllBytes(path, content);
            using DirectFileHandle handle = await ring.OpenDirectAsync(path, 0);
            using IMemoryOwner<byte> owner = AlignedBufferPool.Shared.Rent(16384);

            int read = await ring.ReadAsync(handle, owner.Memory, 0);
            Assert.Equal(content.Length, read);
            Assert.Equal(content, owner.Memory[..read].ToArray());

            var error = await Assert.ThrowsAsync<EndOfStreamException>(async () => await ring.ReadExactlyAsync(handle, owner.Memory, 0));
            Assert.Contains($"{content.Length} of 16384", error.Message, StringComparison.Ordinal);
            Assert.Equal(0, await ring.ReadAsync(handle, owner.Memory[..4096], 12288));
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>
    /// Seed 002's concern: while an O_DIRECT write extends the file, a read of the new region must see end of
    /// file (0 bytes) or the new data — never blocks that were allocated but not yet written.
    /// </summary>
    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task An_extending_O_DIRECT_write_racing_reads_of_the_new_region_never_exposes_unwritten_blocks(IoBackend backend)
    {
        using var ring = Backends.Create(backend);
        string path = NewPath();
        try
        {
            using DirectFileHandle writer = await ring.OpenDirectAsync(path, ReadWriteCreate);
            using DirectFileHandle reader = await ring.OpenDirectAsync(path, 0);
            int block = Math.Max(writer.OffsetAlignment, 4096);
            const int Blocks = 64;
            int torn = 0, sawEof = 0, sawData = 0;
            using var stop = new CancellationTokenSource();
            var readerReady = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

            // The writer waits until the reader runs, and the reader makes one last pass after the writer stops: on
            // a busy two-core machine the reader's task could otherwise start only after all writes (a CI run saw
            // no data at all).
            Task reading = Task.Run(async () =>
            {
                using IMemoryOwner<byte> input = AlignedBufferPool.Shared.Rent(block);
                using var buffered = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
                var plain = new byte[block];
                readerReady.SetResult();
                bool last = false;
                while (!last)
                {
                    last = stop.IsCancellationRequested;
                    long size = new FileInfo(path).Length;
                    long next = size / block * block; // the block being written next (or just now)
                    for (long at = Math.Max(0, next - block); at <= next; at += block)
                    {
                        int got = await ring.ReadAsync(reader, input.Memory, at);
                        Check(input.Memory.Span[..got], at);
                        got = RandomAccess.Read(buffered, plain, at);
                        Check(plain.AsSpan(0, got), at);
                    }
                }
            });

            await readerReady.Task;
            using (IMemoryOwner<byte> output = AlignedBufferPool.Shared.Rent(block))
            {
                for (int i = 0; i < Blocks; i++)
                {
                    output.Memory.Span.Fill(Stamp(i));
                    await ring.WriteAsync(writer, output.Memory, (long)i * block);
                }
            }

            stop.Cancel();
            await reading;

            Assert.Equal(0, torn);
            Assert.Equal((long)Blocks * block, new FileInfo(path).Length);
            Assert.True(sawData > 0, "the reader never saw written data");

            void Check(ReadOnlySpan<byte> got, long at)
            {
                if (got.Length == 0)
                {
                    Interlocked.Increment(ref sawEof);
                    return;
                }

                byte expected = Stamp((int)(at / block));
                if (got.Length != block || got.IndexOfAnyExcept(expected) >= 0)
                {
                    Interlocked.Increment(ref torn); // a short block, zeros, or anything but the stamp
                }
                else
                {
                    Interlocked.Increment(ref sawData);
                }
            }
        }
        finally
        {
            File.Delete(path);
        }

        static byte Stamp(int index) => (byte)(index % 250 + 1); // never 0: zeros would be unwritten blocks
    }

    [Fact]
    public void The_pool_hands_out_aligned_buffers_of_the_asked_length_and_reuses_them()
    {
        var pool = new AlignedBufferPool(alignment: 8192, maxRetainedPerSize: 4);
        nint first;
        using (IMemoryOwner<byte> owner = pool.Rent(5000))
        {
            Assert.Equal(5000, owner.Memory.Length);
            using MemoryHandle pin = owner.Memory.Pin();
            unsafe
            {
                first = (nint)pin.Pointer;
            }

            Assert.Equal(0, first % 8192);
            owner.Memory.Span.Fill(0xAB);
        }

        using IMemoryOwner<byte> again = pool.Rent(8000);
        using MemoryHandle againPin = again.Memory.Pin();
        unsafe
        {
            Assert.Equal(first, (nint)againPin.Pointer); // same capacity bucket: the memory was reused
        }

        Assert.Throws<ArgumentOutOfRangeException>(() => new AlignedBufferPool(alignment: 3000));
    }

    [Fact]
    public void Disposing_a_pinned_buffer_returns_it_only_when_the_last_pin_is_released()
    {
        var pool = new AlignedBufferPool(alignment: 4096, maxRetainedPerSize: 4);
        IMemoryOwner<byte> owner = pool.Rent(4096);
        Memory<byte> memory = owner.Memory;
        MemoryHandle pin = memory.Pin(); // as an in-flight operation holds it
        nint address;
        unsafe
        {
            address = (nint)pin.Pointer;
        }

        owner.Dispose();
        Assert.Throws<ObjectDisposedException>(() => memory.Span.Length);
        using (IMemoryOwner<byte> other = pool.Rent(4096))
        {
            using MemoryHandle otherPin = other.Memory.Pin();
            unsafe
            {
                Assert.NotEqual(address, (nint)otherPin.Pointer); // still pinned: not handed out again
            }
        }

        pin.Dispose(); // the operation completed: now the memory goes back
        using IMemoryOwner<byte> first = pool.Rent(4096);
        using IMemoryOwner<byte> second = pool.Rent(4096);
        using MemoryHandle firstPin = first.Memory.Pin();
        using MemoryHandle secondPin = second.Memory.Pin();
        unsafe
        {
            // FIFO per size: the other buffer went back first, ours after its last pin was released.
            Assert.Equal(address, (nint)secondPin.Pointer);
        }
    }

    private static bool IsPowerOfTwo(int value) => value > 0 && (value & (value - 1)) == 0;
}
