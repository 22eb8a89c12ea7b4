using System;
using System.Threading;
using System.Threading.Tasks;

namespace AsyncSys.Runtime.Tests.Reliability;

/// <summary>
/// Reads from pipes give the same answer on every backend, and a short read is a result (issue 16, items 9
/// and 16): bytes the kernel handed over are returned, never dropped by a retry.
/// </summary>
public sealed class PipeReadResultTests
{
    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task A_short_read_from_a_pipe_at_offset_zero_returns_the_bytes_that_were_there(IoBackend backend)
    {
        using var ring = Backends.Create(backend);
        using var pipe = new Pipe();
        byte[] sent = new byte[100];
        for (int i = 0; i < sent.Length; i++)
        {
            sent[i] = (byte)(i + 1);
        }

        pipe.Write(sent);
        var buffer = new byte[4096];
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(10));

        int read = await ring.ReadAsync(pipe.ReadFd, buffer, fileOffset: 0, guard.Token);

        Assert.Equal(100, read);
        Assert.Equal(sent, buffer.AsSpan(0, read).ToArray());
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task A_short_read_from_a_pipe_at_the_current_position_returns_the_bytes_that_were_there(IoBackend backend)
    {
        using var ring = Backends.Create(backend);
        using var pipe = new Pipe();
        pipe.Write(new byte[] { 7, 8, 9 });
        var buffer = new byte[4096];
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(10));

        int read = await ring.ReadAsync(pipe.ReadFd, buffer, guard.Token);

        Assert.Equal(3, read);
        Assert.Equal(new byte[] { 7, 8, 9 }, buffer.AsSpan(0, 3).ToArray());
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task A_zero_length_read_from_an_empty_pipe_returns_zero_at_once(IoBackend backend)
    {
        using var ring = Backends.Create(backend);
        using var pipe = new Pipe();

        foreach (long? offset in new long?[] { null, 0 })
        {
            Task<int> read = (offset is { } at ? ring.ReadAsync(pipe.ReadFd, Memory<byte>.Empty, at) : ring.ReadAsync(pipe.ReadFd, Memory<byte>.Empty)).AsTask();
            await Task.WhenAny(read, Task.Delay(TimeSpan.FromSeconds(5)));

            Assert.True(read.IsCompleted, $"a zero-length read at {(offset is null ? "the current position" : "offset 0")} blocked on an empty pipe");
            Assert.Equal(0, await read);
        }
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task A_zero_length_write_to_a_pipe_returns_zero_at_once(IoBackend backend)
    {
        using var ring = Backends.Create(backend);
        using var pipe = new Pipe();

        Task<int> write = ring.WriteAtMostAsync(pipe.WriteFd, ReadOnlyMemory<byte>.Empty).AsTask();
        await Task.WhenAny(write, Task.Delay(TimeSpan.FromSeconds(5)));

        Assert.True(write.IsCompleted, "a zero-length write blocked");
        Assert.Equal(0, await write);
    }
}
