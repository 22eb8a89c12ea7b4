using System;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Win32.SafeHandles;

namespace AsyncSys.Runtime.Tests;

/// <summary>ReadExactlyAsync / WriteAsync: short transfers are completed by retrying the remainder, on every backend; WriteAtMostAsync is the single write.</summary>
public sealed class TransferTests
{
    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task ReadExactly_fills_the_buffer_from_the_offset(IoBackend backend)
    {
        using var ring = Backends.Create(backend);
        using var file = new TempFile(100_000);
        using var handle = file.Open(FileAccess.Read);
        var buffer = new byte[50_000];

        await ring.ReadExactlyAsync(handle, buffer, 12_345);

        Assert.Equal(file.Content.AsSpan(12_345, 50_000).ToArray(), buffer);
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task ReadExactly_past_the_end_throws_EndOfStream_saying_how_much_was_read(IoBackend backend)
    {
        using var ring = Backends.Create(backend);
        using var file = new TempFile(1000);
        using var handle = file.Open(FileAccess.Read);
        var buffer = new byte[500];

        var error = await Assert.ThrowsAsync<EndOfStreamException>(async () => await ring.ReadExactlyAsync(handle, buffer, 800));

        Assert.Contains("200 of 500", error.Message, StringComparison.Ordinal);
        Assert.Equal(file.Content.AsSpan(800, 200).ToArray(), buffer.AsSpan(0, 200).ToArray());
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task ReadExactly_retries_the_remainder_after_short_reads_from_a_pipe(IoBackend backend)
    {
        using var ring = Backends.Create(backend);
        using var pipe = new Pipe();
        using var readEnd = new SafeFileHandle(pipe.ReadFd, ownsHandle: false);
        byte[] message = Enumerable.Range(0, 3000).Select(i => (byte)i).ToArray();
        var buffer = new byte[3000];

        ValueTask reading = ring.ReadExactlyAsync(readEnd, buffer);
        for (int i = 0; i < 3; i++)
        {
            await Task.Delay(30); // each chunk arrives alone, so each read returns short
            pipe.Write(message.AsSpan(i * 1000, 1000).ToArray());
        }

        await reading;
        Assert.Equal(message, buffer);
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task WriteAsync_writes_everything_and_reads_back(IoBackend backend)
    {
        using var ring = Backends.Create(backend);
        using var file = new TempFile(0);
        using var handle = file.Open();
        byte[] data = Enumerable.Range(0, 200_000).Select(i => (byte)(i % 253)).ToArray();

        await ring.WriteAsync(handle, data, 4096);
        var back = new byte[data.Length];
        await ring.ReadExactlyAsync(handle, back, 4096);

        Assert.Equal(data, back);
        Assert.Equal(4096 + data.Length, new FileInfo(file.Path).Length);
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task WriteAsync_into_a_pipe_larger_than_its_capacity_delivers_every_byte(IoBackend backend)
    {
        using var ring = Backends.Create(backend);
        using var pipe = new Pipe();
        using var writeEnd = new SafeFileHandle(pipe.WriteFd, ownsHandle: false);
        byte[] data = Enumerable.Range(0, 256 * 1024).Select(i => (byte)(i * 13)).ToArray();
        var received = new MemoryStream();
        Task reader = Task.Run(async () =>
        {
            var chunk = new byte[10_000];
            while (received.Length < data.Length)
            {
                int n = await ring.ReadAsync(pipe.ReadFd, chunk);
                received.Write(chunk, 0, n);
            }
        });

        await ring.WriteAsync(writeEnd, data);
        await reader.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(data, received.ToArray());
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task WriteAtMostAsync_returns_a_short_write_and_WriteAsync_writes_the_rest_with_further_writes(IoBackend backend)
    {
        using var pipe = new ShortWritePipe(backend);
        byte[] data = Enumerable.Range(0, 256 * 1024).Select(i => (byte)(i * 7 + 3)).ToArray();

        int first = await pipe.Ring.WriteAtMostAsync(pipe.WriteEnd, data).AsTask().WaitAsync(TimeSpan.FromSeconds(10));
        Assert.InRange(first, 1, data.Length - 1);
        var head = new byte[first];
        await pipe.Readers.ReadExactlyAsync(pipe.ReadEnd, head);
        Assert.Equal(data.AsSpan(0, first).ToArray(), head);

        // The pipe is empty again: WriteAsync's first write is short the same way, and the rest follows.
        (byte[] all, long writes) = await pipe.WriteAndReadBackAsync(data.Length, () => pipe.Ring.WriteAsync(pipe.WriteEnd, data));

        Assert.Equal(data, all);
        Assert.True(writes >= 2, $"WriteAsync made {writes} write(s)");
        Assert.Equal(0, pipe.Ring.InFlightCount);
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task Vectored_WriteAsync_after_a_short_write_continues_inside_the_segment_where_it_stopped(IoBackend backend)
    {
        using var pipe = new ShortWritePipe(backend);

        // Segments of odd sizes (one empty), so the 64 KiB short write ends inside one of them.
        ReadOnlyMemory<byte>[] segments = new[] { 40_000, 0, 50_001, 30_000, 77_777 }
            .Select((size, s) => (ReadOnlyMemory<byte>)Enumerable.Range(0, size).Select(i => (byte)(i + (s * 31))).ToArray())
            .ToArray();
        byte[] expected = segments.SelectMany(m => m.ToArray()).ToArray();

        (byte[] all, long writes) = await pipe.WriteAndReadBackAsync(expected.Length, () => pipe.Ring.WriteAsync(pipe.WriteEnd, segments));

        Assert.Equal(expected, all);
        Assert.True(writes >= 2, $"WriteAsync made {writes} write(s)");
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task Vectored_WriteAsync_and_WriteAtMostAsync_write_the_segments_in_order_at_the_offset(IoBackend backend)
    {
        using var ring = Backends.Create(backend);
        using var file = new TempFile(0);
        using var handle = file.Open();
        ReadOnlyMemory<byte>[] segments = { new byte[] { 1, 2, 3 }, new byte[] { 4 }, new byte[] { 5, 6 } };

        await ring.WriteAsync(handle, segments, 10);
        Assert.Equal(6, await ring.WriteAtMostAsync(handle, segments, 100));
        await ring.WriteAsync(handle, new ReadOnlyMemory<byte>[] { ReadOnlyMemory<byte>.Empty }, 0); // nothing to write: no write

        byte[] onDisk = File.ReadAllBytes(file.Path);
        Assert.Equal(106, onDisk.Length);
        Assert.Equal(new byte[] { 1, 2, 3, 4, 5, 6 }, onDisk.AsSpan(10, 6).ToArray());
        Assert.Equal(new byte[] { 1, 2, 3, 4, 5, 6 }, onDisk.AsSpan(100, 6).ToArray());
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task The_overloads_without_an_offset_use_and_advance_the_file_position(IoBackend backend)
    {
        using var ring = Backends.Create(backend);
        using var file = new TempFile(0);
        using var handle = file.Open();

        await ring.WriteAsync(handle, new byte[] { 1, 2, 3 });
        await ring.WriteAsync(handle, new ReadOnlyMemory<byte>[] { new byte[] { 4, 5 } });
        Assert.Equal(1, await ring.WriteAtMostAsync(handle, new byte[] { 6 }));
        Assert.Equal(new byte[] { 1, 2, 3, 4, 5, 6 }, File.ReadAllBytes(file.Path));

        // The reads share the descriptor's position, which the writes left at the end; a positional read does not move it.
        var buffer = new byte[6];
        Assert.Equal(0, await ring.ReadAsync(handle, buffer));
        Assert.Equal(6, await ring.ReadAsync(handle, buffer, 0));
        Assert.Equal(0, await ring.ReadAsync(handle, new Memory<byte>[] { buffer }));
    }

    [Fact]
    public async Task Transfers_validate_their_arguments()
    {
        using var ring = Backends.Create(IoBackend.Workers);
        using var file = new TempFile(10);
        using var handle = file.Open();

        await Assert.ThrowsAsync<ArgumentNullException>(async () => await ring.ReadExactlyAsync(null!, new byte[1], 0));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await ring.WriteAsync(handle, new byte[1], -2));
        await ring.ReadExactlyAsync(handle, Memory<byte>.Empty, 0); // nothing to do
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await ring.ReadExactlyAsync(handle, new byte[5], 0, cts.Token));
    }

    /// <summary>
    /// A blocking pipe written through a ring that tries the non-blocking form first (the default): that attempt
    /// writes what fits in the empty pipe (64 KiB) and its short count stands, so a write larger than that is
    /// deterministically short. Reads go through a ring of their own, so the writer's operations can be counted.
    /// </summary>
    private sealed class ShortWritePipe : IDisposable
    {
        private readonly Pipe _pipe = new();

        internal ShortWritePipe(IoBackend backend)
        {
            Ring = IoRing.Create(new IoRingOptions { Backend = backend, Name = "short-write-" + backend });
            Readers = Backends.Create(IoBackend.Workers);
            WriteEnd = new SafeFileHandle(_pipe.WriteFd, ownsHandle: false);
            ReadEnd = new SafeFileHandle(_pipe.ReadFd, ownsHandle: false);
        }

        internal IoRing Ring { get; }

        internal IoRing Readers { get; }

        internal SafeFileHandle WriteEnd { get; }

        internal SafeFileHandle ReadEnd { get; }

        /// <summary>Runs <paramref name="write"/> while reading <paramref name="length"/> bytes back; returns them and how many operations the write took.</summary>
        internal async Task<(byte[] Bytes, long Writes)> WriteAndReadBackAsync(int length, Func<ValueTask> write)
        {
            long before = Ring.Table.AdmittedTotal;
            var bytes = new byte[length];
            Task reading = Readers.ReadExactlyAsync(ReadEnd, bytes).AsTask();
            await write().AsTask().WaitAsync(TimeSpan.FromSeconds(10));
            await reading.WaitAsync(TimeSpan.FromSeconds(10));
            return (bytes, Ring.Table.AdmittedTotal - before);
        }

        public void Dispose()
        {
            Ring.Dispose();
            Readers.Dispose();
            _pipe.Dispose();
        }
    }
}
