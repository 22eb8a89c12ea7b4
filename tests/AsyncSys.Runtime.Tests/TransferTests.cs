using System;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Win32.SafeHandles;

namespace AsyncSys.Runtime.Tests;

/// <summary>ReadExactlyAsync / WriteAllAsync: short transfers are completed by retrying the remainder, on every backend.</summary>
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
    public async Task WriteAll_writes_everything_and_reads_back(IoBackend backend)
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
    public async Task WriteAll_into_a_pipe_larger_than_its_capacity_delivers_every_byte(IoBackend backend)
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
}
