using System;
using System.IO;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;

namespace AsyncSys.Generator.Tests.EndToEnd;

/// <summary>
/// Arguments the ring request cannot take run the wrapper itself: the variant answers as the synchronous call, with the
/// kernel's errno in the kernel's order of checks (a bad descriptor before a bad range), and a token cancelled before
/// the call still cancels without running it.
/// </summary>
public sealed class HostileArgumentTests : IDisposable
{
    private const int NotAnOpenFd = 999_999;
    private readonly IoRing _ring = IoRing.Create();

    public void Dispose() => _ring.Dispose();

    private static unsafe nint SyncPRead(int fd)
    {
        byte* buffer = stackalloc byte[8];
        return Libc.PRead(fd, buffer, 8, 0);
    }

    [Fact]
    public async Task A_negative_descriptor_fails_with_the_kernels_EBADF_not_an_argument_exception()
    {
        Assert.Equal(-1, SyncPRead(-1));
        Assert.Equal(Errno.EBADF, Marshal.GetLastPInvokeError());
        ErrnoException error = await Assert.ThrowsAsync<ErrnoException>(async () => await Libc.PReadAsync(_ring, -1, new byte[8], 0));
        Assert.Equal(Errno.EBADF, error.Errno);
    }

    [Theory]
    [InlineData(-1, -5, 4096)]            // both bad: the kernel looks at the descriptor first
    [InlineData(NotAnOpenFd, -5, 4096)]
    [InlineData(NotAnOpenFd, 0, -1)]
    [InlineData(NotAnOpenFd, 0, 0)]
    public async Task A_bad_descriptor_with_a_bad_range_answers_EBADF_as_the_kernel_checks_the_descriptor_first(int fd, long offset, long length)
    {
        int sync = ErrorConventions.PosixFallocate64(fd, offset, length);
        ErrnoException error = await Assert.ThrowsAsync<ErrnoException>(async () => await ErrorConventions.PosixFallocate64Async(_ring, fd, offset, length));

        Assert.Equal(sync, error.Errno);
    }

    [Fact]
    public async Task A_bad_range_on_an_open_file_answers_the_kernels_EINVAL()
    {
        string path = Path.GetTempFileName();
        try
        {
            using Microsoft.Win32.SafeHandles.SafeFileHandle file = File.OpenHandle(path, FileMode.Open, FileAccess.ReadWrite);
            int fd = (int)file.DangerousGetHandle();
            int sync = ErrorConventions.PosixFallocate64(fd, -5, 4096);
            ErrnoException error = await Assert.ThrowsAsync<ErrnoException>(async () => await ErrorConventions.PosixFallocate64Async(_ring, fd, -5, 4096));

            Assert.Equal(Errno.EINVAL, sync);
            Assert.Equal(sync, error.Errno);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task An_empty_path_fails_with_the_kernels_ENOENT_not_an_argument_exception()
    {
        Assert.Equal(-1, Libc.OpenAt(IoRing.AtCurrentDirectory, "", 0, 0));
        int sync = Marshal.GetLastPInvokeError();
        ErrnoException error = await Assert.ThrowsAsync<ErrnoException>(async () => await Libc.OpenAtAsync(_ring, IoRing.AtCurrentDirectory, "", 0, 0));

        Assert.Equal(Errno.ENOENT, sync);
        Assert.Equal(sync, error.Errno);
    }

    [Theory]
    [InlineData(-1, 0)]
    [InlineData(NotAnOpenFd, 0)]
    [InlineData(NotAnOpenFd, 1)]
    [InlineData(NotAnOpenFd, 129)]
    public async Task A_socket_address_length_the_ring_refuses_runs_the_wrapper_and_answers_as_connect_itself(int fd, int length)
    {
        byte[] address = new byte[256];
        Assert.Equal(-1, ArrayVariants.Connect(fd, address, length));
        int sync = Marshal.GetLastPInvokeError();
        ErrnoException error = await Assert.ThrowsAsync<ErrnoException>(async () => await ArrayVariants.ConnectAsync(_ring, fd, address, length));

        Assert.Equal(Errno.EBADF, sync);
        Assert.Equal(sync, error.Errno);
    }

    [Fact]
    public async Task A_token_cancelled_before_the_call_cancels_without_running_the_wrapper()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await Libc.PReadAsync(_ring, -1, new byte[8], 0, cancelled.Token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await ErrorConventions.PosixFallocate64Async(_ring, NotAnOpenFd, -5, 4096, cancelled.Token));
    }
}
