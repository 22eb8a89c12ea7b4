using System;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Win32.SafeHandles;

namespace AsyncSys.Generator.Tests.EndToEnd;

/// <summary>
/// The generated methods run on the real kernel: against temp files and pipes, through the ring for calls
/// with an opcode and through workers for flock.
/// </summary>
public sealed class EndToEndTests : IDisposable
{
    private const int NotAnOpenFd = 999_999;
    private readonly IoRing _ring = IoRing.Create();
    private readonly string _directory = Directory.CreateTempSubdirectory("asyncsys-generator-").FullName;

    public void Dispose()
    {
        _ring.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task Written_bytes_read_back_through_pwrite_fsync_pread()
    {
        int fd = await OpenNewFileAsync("data.bin");
        byte[] written = Encoding.ASCII.GetBytes("hello from the ring");

        long count = await Libc.PWriteAsync(_ring, fd, written, 0);
        using (var handle = new SafeFileHandle(fd, ownsHandle: false))
        {
            await Libc.FsyncAsync(_ring, handle);
        }

        byte[] read = new byte[64];
        nint got = await Libc.PReadAsync(_ring, fd, read, 6);
        await Libc.CloseAsync(_ring, fd);

        Assert.Equal(written.Length, count);
        Assert.Equal("from the ring", Encoding.ASCII.GetString(read, 0, (int)got));
    }

    [Fact]
    public async Task Pread_on_a_closed_fd_throws_EBADF()
    {
        ErrnoException error = await Assert.ThrowsAsync<ErrnoException>(
            async () => await Libc.PReadAsync(_ring, NotAnOpenFd, new byte[8], 0));

        Assert.Equal(Errno.EBADF, error.Errno);
    }

    [Fact]
    public async Task Openat_on_a_missing_path_throws_ENOENT()
    {
        ErrnoException error = await Assert.ThrowsAsync<ErrnoException>(
            async () => await Libc.OpenAtAsync(_ring, IoRing.AtCurrentDirectory, Path.Combine(_directory, "missing"), Libc.ReadWrite, 0));

        Assert.Equal(Errno.ENOENT, error.Errno);
    }

    [Fact]
    public async Task Statx_returns_the_out_struct()
    {
        int fd = await OpenNewFileAsync("sized.bin");
        await Libc.PWriteAsync(_ring, fd, new byte[1234], 0);
        await Libc.CloseAsync(_ring, fd);

        Statx info = await Libc.StatFileAsync(_ring, IoRing.AtCurrentDirectory, Path.Combine(_directory, "sized.bin"), 0, (uint)StatxMask.BasicStats);

        Assert.Equal(1234UL, info.FileSize);
    }

    [Fact]
    public async Task Offloaded_out_parameters_come_back_in_the_result_record()
    {
        Libc.CreatePipeResult pipe = await Libc.CreatePipeAsync(_ring, Libc.CloseOnExec);

        Assert.Equal(0, pipe.ReturnValue);
        Assert.True(pipe.ReadFd > 2 && pipe.WriteFd > 2 && pipe.ReadFd != pipe.WriteFd);
        await Libc.CloseAsync(_ring, pipe.ReadFd);
        await Libc.CloseAsync(_ring, pipe.WriteFd);
    }

    [Fact]
    public async Task Poll_on_a_never_ready_pipe_is_cancelled_then_sees_data()
    {
        Libc.CreatePipeResult pipe = await Libc.CreatePipeAsync(_ring, Libc.CloseOnExec);
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));
            await Assert.ThrowsAnyAsync<OperationCanceledException>(
                async () => await Libc.PollAsync(_ring, pipe.ReadFd, PollEvents.In, timeout.Token));

            WriteOneByte(pipe.WriteFd);
            PollEvents ready = await Libc.PollAsync(_ring, pipe.ReadFd, PollEvents.In);
            Assert.True(ready.HasFlag(PollEvents.In));
        }
        finally
        {
            await Libc.CloseAsync(_ring, pipe.ReadFd);
            await Libc.CloseAsync(_ring, pipe.WriteFd);
        }
    }

    [Fact]
    public async Task Poll_without_RingOp_polls_every_pollfd_with_its_timeout_on_a_worker()
    {
        Libc.CreatePipeResult first = await Libc.CreatePipeAsync(_ring, Libc.CloseOnExec);
        Libc.CreatePipeResult second = await Libc.CreatePipeAsync(_ring, Libc.CloseOnExec);
        try
        {
            var fds = new PollDescriptor[]
            {
                new() { Fd = first.ReadFd, Events = (short)PollEvents.In },
                new() { Fd = second.ReadFd, Events = (short)PollEvents.In },
            };

            // Nothing to read and a timeout of 0: poll(2) returns 0 at once (the ring's one-descriptor poll would wait).
            Assert.Equal(0, await Libc.PollAllAsync(_ring, fds, 0));

            WriteOneByte(second.WriteFd);
            Assert.Equal(1, await Libc.PollAllAsync(_ring, fds, 1000));
            Assert.Equal(0, fds[0].ReturnedEvents);
            Assert.Equal((short)PollEvents.In, fds[1].ReturnedEvents);
        }
        finally
        {
            await Libc.CloseAsync(_ring, first.ReadFd);
            await Libc.CloseAsync(_ring, first.WriteFd);
            await Libc.CloseAsync(_ring, second.ReadFd);
            await Libc.CloseAsync(_ring, second.WriteFd);
        }
    }

    [Fact]
    public async Task Offloaded_flock_reports_errno_from_the_worker()
    {
        string path = Path.Combine(_directory, "lock");
        int first = await OpenNewFileAsync("lock");
        int second = await Libc.OpenAtAsync(_ring, IoRing.AtCurrentDirectory, path, Libc.ReadWrite | Libc.CloseOnExec, 0);
        try
        {
            Assert.Equal(0, await Libc.FlockAsync(_ring, first, Libc.LockExclusive | Libc.LockNonBlocking));

            ErrnoException busy = await Assert.ThrowsAsync<ErrnoException>(
                async () => await Libc.FlockAsync(_ring, second, Libc.LockExclusive | Libc.LockNonBlocking));
            ErrnoException closed = await Assert.ThrowsAsync<ErrnoException>(
                async () => await Libc.FlockAsync(_ring, NotAnOpenFd, Libc.LockExclusive));

            Assert.Equal(Errno.EAGAIN, busy.Errno);
            Assert.Equal("flock", busy.Syscall);
            Assert.Equal(Errno.EBADF, closed.Errno);
        }
        finally
        {
            await Libc.CloseAsync(_ring, first);
            await Libc.CloseAsync(_ring, second);
        }
    }

    [Fact]
    public async Task Default_overload_runs_on_the_shared_ring()
    {
        int fd = await Libc.OpenAtAsync(IoRing.AtCurrentDirectory, Path.Combine(_directory, "shared"), Libc.ReadWrite | Libc.Create | Libc.CloseOnExec, 0x180);

        Assert.True(fd > 2);
        await Libc.CloseAsync(fd);
    }

    private async Task<int> OpenNewFileAsync(string name) =>
        await Libc.OpenAtAsync(
            _ring,
            IoRing.AtCurrentDirectory,
            Path.Combine(_directory, name),
            Libc.ReadWrite | Libc.Create | Libc.Truncate | Libc.CloseOnExec,
            0x180);

    private static unsafe void WriteOneByte(int fd)
    {
        byte value = 1;
        Assert.Equal(1, Libc.Write(fd, &value, 1));
    }
}
