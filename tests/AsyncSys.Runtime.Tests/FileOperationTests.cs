using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;

namespace AsyncSys.Runtime.Tests;

/// <summary>The file operations' contract, identical on every backend: bytes, errno, offsets.</summary>
public sealed class FileOperationTests
{
    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task Read_returns_the_file_bytes_at_the_offset(IoBackend backend)
    {
        using var ring = Backends.Create(backend);
        using var file = new TempFile(64 * 1024);
        using var handle = file.Open(FileAccess.Read);
        var buffer = new byte[4096];

        int read = await ring.ReadAsync(handle, buffer, 12345);

        Assert.Equal(backend, ring.Backend);
        Assert.Equal(4096, read);
        Assert.Equal(file.Content.AsSpan(12345, 4096).ToArray(), buffer);
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task Read_at_end_of_file_is_short_then_zero(IoBackend backend)
    {
        using var ring = Backends.Create(backend);
        using var file = new TempFile(1000);
        using var handle = file.Open(FileAccess.Read);
        var buffer = new byte[4096];

        Assert.Equal(100, await ring.ReadAsync(handle, buffer, 900));
        Assert.Equal(0, await ring.ReadAsync(handle, buffer, 1000));
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task Write_then_read_back_round_trips(IoBackend backend)
    {
        using var ring = Backends.Create(backend);
        using var file = new TempFile(0);
        using var handle = file.Open();
        byte[] data = Enumerable.Range(0, 10000).Select(i => (byte)(i % 251)).ToArray();

        await ring.WriteAsync(handle, data, 0);
        await ring.FsyncAsync(handle);
        await ring.FdatasyncAsync(handle);

        Assert.Equal(data, File.ReadAllBytes(file.Path));
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task Vectored_read_and_write_fill_segments_in_order(IoBackend backend)
    {
        using var ring = Backends.Create(backend);
        using var file = new TempFile(0);
        using var handle = file.Open();
        ReadOnlyMemory<byte>[] outSegments = Enumerable.Range(1, 7).Select(i => (ReadOnlyMemory<byte>)Enumerable.Repeat((byte)i, i * 100).ToArray()).ToArray();

        await ring.WriteAsync(handle, outSegments, 0);
        Memory<byte>[] inSegments = Enumerable.Range(1, 7).Select(i => (Memory<byte>)new byte[i * 100]).ToArray();
        int read = await ring.ReadAsync(handle, inSegments, 0);

        Assert.Equal(2800, new FileInfo(file.Path).Length);
        Assert.Equal(2800, read);
        for (int i = 0; i < 7; i++)
        {
            Assert.All(inSegments[i].ToArray(), b => Assert.Equal((byte)(i + 1), b));
        }
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task Read_on_a_closed_descriptor_fails_with_EBADF(IoBackend backend)
    {
        using var ring = Backends.Create(backend);
        const int fd = 1 << 30; // above any process's descriptor limit, so never open (a closed small fd may be reused by a parallel test)

        var error = await Assert.ThrowsAsync<ErrnoException>(async () => await ring.ReadAsync(fd, new byte[10], 0));

        Assert.Equal(Errno.EBADF, error.Errno);
        Assert.Equal("EBADF", error.ErrnoName);
        Assert.Equal("pread", error.Syscall);
        Assert.Contains("EBADF", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task OpenAt_a_missing_path_fails_with_ENOENT_naming_the_path(IoBackend backend)
    {
        using var ring = Backends.Create(backend);
        string path = "/nonexistent-" + Guid.NewGuid().ToString("N");

        var error = await Assert.ThrowsAsync<ErrnoException>(async () => await ring.OpenAtAsync(IoRing.AtCurrentDirectory, path, 0));

        Assert.Equal(Errno.ENOENT, error.Errno);
        Assert.Equal("openat", error.Syscall);
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task Raw_mode_returns_the_negative_errno_instead_of_throwing(IoBackend backend)
    {
        using var ring = Backends.Create(backend);

        int result = await ring.SubmitRawAsync(RingRequest.OpenAt(IoRing.AtCurrentDirectory, "/nonexistent-" + Guid.NewGuid(), 0, 0));

        Assert.Equal(-Errno.ENOENT, result);
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task OpenAsync_and_statx_see_the_file_size(IoBackend backend)
    {
        using var ring = Backends.Create(backend);
        using var file = new TempFile(12345);

        using (var handle = await ring.OpenAsync(file.Path, 0))
        {
            Assert.False(handle.IsInvalid);
            Assert.Equal(12345, RandomAccess.GetLength(handle));
        }

        Statx stat = await ring.StatxAsync(IoRing.AtCurrentDirectory, file.Path);
        Assert.Equal(12345ul, stat.FileSize);
        Assert.Equal(0x8000, stat.Mode & 0xF000); // S_IFREG
        Assert.NotEqual(StatxMask.None, stat.Mask & StatxMask.BasicStats);
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task Fallocate_extends_the_file(IoBackend backend)
    {
        using var ring = Backends.Create(backend);
        using var file = new TempFile(0);
        using var handle = file.Open();

        await ring.FallocateAsync(handle, 0, 0, 1 << 20);

        Assert.Equal(1 << 20, new FileInfo(file.Path).Length);
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task Directory_operations_create_rename_and_remove(IoBackend backend)
    {
        using var ring = Backends.Create(backend);
        string root = Path.Combine(Path.GetTempPath(), "asyncsys-dir-" + Guid.NewGuid().ToString("N"));
        string renamed = root + "-renamed";

        await ring.SubmitAsync(RingRequest.MkdirAt(IoRing.AtCurrentDirectory, root, 0x1ED));
        Assert.True(Directory.Exists(root));
        await ring.SubmitAsync(RingRequest.RenameAt(IoRing.AtCurrentDirectory, root, IoRing.AtCurrentDirectory, renamed, 0));
        Assert.False(Directory.Exists(root));
        await ring.SubmitAsync(RingRequest.UnlinkAt(IoRing.AtCurrentDirectory, renamed, 0x200)); // AT_REMOVEDIR

        Assert.False(Directory.Exists(renamed));
        var error = await Assert.ThrowsAsync<ErrnoException>(async () => await ring.SubmitAsync(RingRequest.UnlinkAt(IoRing.AtCurrentDirectory, renamed, 0x200)));
        Assert.Equal(Errno.ENOENT, error.Errno);
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task Splice_moves_file_bytes_into_a_pipe(IoBackend backend)
    {
        using var ring = Backends.Create(backend);
        using var file = new TempFile(3000);
        using var handle = file.Open(FileAccess.Read);
        using var pipe = new Pipe();

        int moved = await ring.SubmitAsync(RingRequest.Splice((int)handle.DangerousGetHandle(), 100, pipe.WriteFd, -1, 1000, 0));
        var buffer = new byte[1000];
        int read = await ring.ReadAsync(pipe.ReadFd, buffer);

        Assert.Equal(1000, moved);
        Assert.Equal(1000, read);
        Assert.Equal(file.Content.AsSpan(100, 1000).ToArray(), buffer);
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task Nop_and_delay_complete(IoBackend backend)
    {
        using var ring = Backends.Create(backend);
        var clock = System.Diagnostics.Stopwatch.StartNew();

        await ring.NopAsync();
        await ring.DelayAsync(TimeSpan.FromMilliseconds(100));

        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(90), $"the delay ended after {clock.Elapsed}");
    }

    [Fact]
    public async Task IoUring_backend_is_in_use_and_reads_go_on_the_ring()
    {
        using var ring = IoRing.Create(new IoRingOptions { Backend = IoBackend.IoUring });

        Assert.Equal(IoBackend.IoUring, ring.Backend);
        Assert.True(ring.IsNative(RingOp.Read));
        Assert.True(ring.IsNative(RingOp.Poll));
        Assert.Equal(0, await ring.SubmitAsync(RingRequest.Nop()));
    }

    [Fact]
    public void Bad_arguments_are_rejected_before_the_kernel()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => RingRequest.Read(-1, new byte[1], 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => RingRequest.Read(0, new byte[1], -2));
        Assert.Throws<ArgumentException>(() => RingRequest.OpenAt(IoRing.AtCurrentDirectory, "a\0b", 0, 0));
        Assert.Throws<ArgumentException>(() => RingRequest.ReadV(0, Array.Empty<Memory<byte>>(), 0));
        Assert.Throws<ArgumentException>(() => RingRequest.Statx(IoRing.AtCurrentDirectory, "/", 0, 0, new byte[10]));
        Assert.Throws<ArgumentOutOfRangeException>(() => RingRequest.Nop().WithTimeout(TimeSpan.Zero));
        using var ring = IoRing.Create();
        Assert.Throws<ArgumentException>(() => { _ = ring.SubmitAsync(default(RingRequest)); });
    }
}

/// <summary>An opcode the kernel's probe does not list is never put on the ring: the same call runs on a worker.</summary>
public sealed class MissingOpcodeTests
{
    [Fact]
    public async Task An_operation_the_kernel_lacks_runs_on_a_worker_and_still_works()
    {
        // No attempt on the calling thread first: the read must reach the worker this test is about.
        using var ring = IoRing.Create(new IoRingOptions { Backend = IoBackend.IoUring, PretendKernelLacks = new[] { RingOp.Read, RingOp.Poll }, TryNonBlockingFirst = false });
        using var file = new TempFile(8192);
        using var handle = file.Open(System.IO.FileAccess.Read);
        using var pipe = new Pipe();

        Assert.Equal(IoBackend.IoUring, ring.Backend);
        Assert.False(ring.IsNative(RingOp.Read));
        Assert.False(ring.IsNative(RingOp.Poll));
        Assert.True(ring.IsNative(RingOp.Write));

        var buffer = new byte[100];
        Assert.Equal(100, await ring.ReadAsync(handle, buffer, 500));
        Assert.Equal(file.Content.AsSpan(500, 100).ToArray(), buffer);

        ValueTask<PollEvents> poll = ring.PollAsync(pipe.ReadFd, PollEvents.In);
        await Task.Delay(30);
        InFlightOperation pending = Assert.Single(ring.GetInFlightOperations());
        Assert.Equal(IoBackend.Workers, pending.Backend);
        Assert.Equal(InFlightState.OnWorker, pending.State);
        pipe.Write(new byte[] { 1 });
        Assert.Equal(PollEvents.In, await poll & PollEvents.In);
    }
}
