using System;
using System.Collections.Generic;
using System.IO;
using System.Runtime.InteropServices;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace AsyncSys.Generator.Tests.EndToEnd;

/// <summary>
/// Ring variants whose worker form would take other parameters (an iovec pointer, array or span as a buffer list; poll's
/// pollfd array as one descriptor and its events) run the wrapper too for arguments their request cannot take: the
/// buffers become the kernel's iovecs, the descriptor a one-entry pollfd array. Same result and errno as the synchronous
/// call, in the kernel's order of checks; a token cancelled before the call still cancels without running it.
/// </summary>
public sealed class HostileVectorAndPollTests : IDisposable
{
    private const int NotAnOpenFd = 999_999;
    private const int ReadWriteNoWait = 0x8;   // RWF_NOWAIT
    private readonly IoRing _ring = IoRing.Create();
    private readonly string _directory = Directory.CreateTempSubdirectory("asyncsys-hostile-").FullName;

    public void Dispose()
    {
        _ring.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(NotAnOpenFd)]
    public async Task Iovec_array_span_and_IntPtr_forms_fail_with_the_kernels_EBADF_for_a_bad_descriptor(int fd)
    {
        byte[] bytes = new byte[4];
        int writeV = SyncErrno(() => WithIoVecs(new[] { bytes }, iov => ArrayVariants.WriteV(fd, iov, iov.Length)));
        int readV = SyncErrno(() => WithIoVecs(new[] { bytes }, iov => ArrayVariants.ReadV(fd, iov, iov.Length)));
        int preadV = SyncErrno(() => WithIoVecs(new[] { bytes }, iov => ArrayVariants.PReadV(fd, iov, iov.Length, 0)));

        Assert.Equal(Errno.EBADF, writeV);
        Assert.Equal(writeV, (await Assert.ThrowsAsync<ErrnoException>(async () => await ArrayVariants.WriteVAsync(_ring, fd, new ReadOnlyMemory<byte>[] { bytes }))).Errno);
        Assert.Equal(readV, (await Assert.ThrowsAsync<ErrnoException>(async () => await ArrayVariants.ReadVAsync(_ring, fd, new Memory<byte>[] { bytes }))).Errno);
        Assert.Equal(preadV, (await Assert.ThrowsAsync<ErrnoException>(async () => await ArrayVariants.PReadVAsync(_ring, fd, new Memory<byte>[] { bytes }, 0))).Errno);
    }

    [Theory]
    [InlineData(-1, -1)]            // preadv(2) tests the offset before the descriptor: EINVAL both ways
    [InlineData(-1, -4096)]
    [InlineData(NotAnOpenFd, -1)]
    public async Task Preadv_with_a_bad_descriptor_and_a_negative_offset_answers_as_the_kernel_checks_them(int fd, long offset)
    {
        byte[] bytes = new byte[4];
        int sync = SyncErrno(() => WithIoVecs(new[] { bytes }, iov => ArrayVariants.PReadV(fd, iov, iov.Length, offset)));
        ErrnoException error = await Assert.ThrowsAsync<ErrnoException>(async () => await ArrayVariants.PReadVAsync(_ring, fd, new Memory<byte>[] { bytes }, offset));

        Assert.Equal(Errno.EINVAL, sync);
        Assert.Equal(sync, error.Errno);
    }

    [Fact]
    public async Task No_buffers_moves_nothing_and_more_than_1024_fail_with_EINVAL_as_readv_itself()
    {
        int fd = Open("vectors.bin");
        try
        {
            Assert.Equal(0, WithIoVecs(Array.Empty<byte[]>(), iov => ArrayVariants.WriteV(fd, iov, 0)));
            Assert.Equal(0, await ArrayVariants.WriteVAsync(_ring, fd, Array.Empty<ReadOnlyMemory<byte>>()));
            Assert.Equal(0, await ArrayVariants.WriteVAsync(_ring, fd, null!));

            byte[][] many = new byte[1025][];
            for (int i = 0; i < many.Length; i++)
            {
                many[i] = new byte[1];
            }

            int sync = SyncErrno(() => WithIoVecs(many, iov => ArrayVariants.WriteV(fd, iov, iov.Length)));
            var list = new List<ReadOnlyMemory<byte>>();
            foreach (byte[] one in many)
            {
                list.Add(one);
            }

            ErrnoException error = await Assert.ThrowsAsync<ErrnoException>(async () => await ArrayVariants.WriteVAsync(_ring, fd, list));
            Assert.Equal(Errno.EINVAL, sync);
            Assert.Equal(sync, error.Errno);
            Assert.Equal(0, new FileInfo(Path.Combine(_directory, "vectors.bin")).Length);

            // With no buffers, the descriptor is still checked first.
            Assert.Equal(Errno.EBADF, (await Assert.ThrowsAsync<ErrnoException>(async () => await ArrayVariants.WriteVAsync(_ring, -1, Array.Empty<ReadOnlyMemory<byte>>()))).Errno);
        }
        finally
        {
            Libc.Close(fd);
        }
    }

    [Fact]
    public async Task Preadv2_with_RWF_flags_runs_the_wrapper_and_reads_what_the_synchronous_call_reads()
    {
        string path = Path.Combine(_directory, "flags.bin");
        File.WriteAllBytes(path, Encoding.ASCII.GetBytes("0123456789"));
        int fd = Libc.OpenAt(IoRing.AtCurrentDirectory, path, Libc.ReadWrite | Libc.CloseOnExec, 0);
        try
        {
            byte[] syncBytes = new byte[4];
            byte[] asyncBytes = new byte[4];
            nint sync = WithIoVecs(new[] { syncBytes }, iov => ArrayVariants.PReadV2(fd, iov, iov.Length, 3, ReadWriteNoWait));
            nint variant = await ArrayVariants.PReadV2Async(_ring, fd, new Memory<byte>[] { asyncBytes }, 3, ReadWriteNoWait);

            Assert.Equal(sync, variant);
            Assert.Equal(syncBytes, asyncBytes);
        }
        finally
        {
            Libc.Close(fd);
        }
    }

    [Fact]
    public async Task Poll_of_a_descriptor_not_open_answers_as_poll_itself_never_with_an_argument_exception()
    {
        // poll(2) ignores a negative descriptor: with no timeout it waits, until the token is cancelled.
        using var soon = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await Libc.PollAsync(_ring, -1, PollEvents.In, soon.Token));
        Assert.Equal(0, SyncPoll(-1, PollEvents.In, out _));

        // A descriptor that is not open: poll(2) says POLLNVAL in its revents, where the ring's poll fails with EBADF.
        Assert.Equal(1, SyncPoll(NotAnOpenFd, PollEvents.In, out PollEvents returned));
        Assert.Equal(PollEvents.Invalid, returned);
        Assert.Equal(returned, await Libc.PollAsync(_ring, NotAnOpenFd, PollEvents.In));
    }

    [Fact]
    public async Task Poll_in_ReturnNegativeErrno_mode_answers_as_poll_itself_for_a_descriptor_not_open_and_a_negative_one()
    {
        // A descriptor that is not open: POLLNVAL, as poll(2) and the Throw form answer it, never the ring's own -EBADF.
        Assert.Equal(1, SyncPoll(NotAnOpenFd, PollEvents.In, out PollEvents returned));
        Assert.Equal((int)returned, await Libc.PollOrErrnoAsync(_ring, NotAnOpenFd, PollEvents.In));

        // A negative descriptor is ignored by poll(2): the wrapper runs on a worker and waits until the token is cancelled,
        // where the request's ArgumentOutOfRangeException used to come back.
        using var soon = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await Libc.PollOrErrnoAsync(_ring, -1, PollEvents.In, soon.Token));

        // A regular file is ready at once: its events, as from the synchronous call.
        int file = Open("poll-errno.bin");
        try
        {
            Assert.Equal(1, SyncPoll(file, PollEvents.In, out PollEvents ready));
            Assert.Equal((int)ready, await Libc.PollOrErrnoAsync(_ring, file, PollEvents.In));
        }
        finally
        {
            Libc.Close(file);
        }
    }

    [Fact]
    public async Task An_ordinary_poll_on_the_ring_runs_its_body_for_a_negative_descriptor_and_the_token_ends_the_wait()
    {
        // The body runs with the ring form's no-timeout (-1); an ordinary method has no default cancel hook, so the
        // wait must be interrupted for the token to end it (5 s is the test's limit, not the call's).
        using var soon = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Libc.WaitForAsync(_ring, -1, PollEvents.In, soon.Token).AsTask().WaitAsync(TimeSpan.FromSeconds(5)));
        using var later = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Libc.WaitForOrErrnoAsync(_ring, -1, PollEvents.In, later.Token).AsTask().WaitAsync(TimeSpan.FromSeconds(5)));

        Assert.Equal(PollEvents.Invalid, await Libc.WaitForAsync(_ring, NotAnOpenFd, PollEvents.In));
        Assert.Equal((int)PollEvents.Invalid, await Libc.WaitForOrErrnoAsync(_ring, NotAnOpenFd, PollEvents.In));
    }

    [Fact]
    public async Task A_token_cancelled_before_the_call_cancels_iovec_and_poll_forms_without_running_the_wrapper()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await ArrayVariants.WriteVAsync(_ring, -1, new ReadOnlyMemory<byte>[] { new byte[1] }, cancelled.Token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await ArrayVariants.PReadV2Async(_ring, 0, new Memory<byte>[] { new byte[1] }, 0, ReadWriteNoWait, cancelled.Token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await Libc.PollAsync(_ring, -1, PollEvents.In, cancelled.Token));
    }

    [Theory]
    [InlineData(-1, 0L)]            // a descriptor the wrapper would be run for: the count is still checked first
    [InlineData(NotAnOpenFd, 0L)]
    [InlineData(NotAnOpenFd, -1L)]
    public async Task A_count_larger_than_the_managed_buffer_throws_naming_the_count_and_the_buffers_length(int fd, long offset)
    {
        ArgumentOutOfRangeException error = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(
            async () => await Variants.PWriteAsync(_ring, fd, new byte[4], 5, offset));

        Assert.Equal("count", error.ParamName);
        Assert.Equal((nuint)5, error.ActualValue);
        Assert.Contains("count is larger than buf, 4 bytes", error.Message, StringComparison.Ordinal);
        int file = Open("count.bin");
        Assert.Equal(4L, (long)await Variants.PWriteAsync(_ring, file, new byte[4], 4, 0));   // the buffer's own length is taken
        Libc.Close(file);
    }

    private int Open(string name) =>
        Libc.OpenAt(IoRing.AtCurrentDirectory, Path.Combine(_directory, name), Libc.ReadWrite | Libc.Create | Libc.Truncate | Libc.CloseOnExec, 420);

    private static unsafe int SyncPoll(int fd, PollEvents events, out PollEvents returned)
    {
        var descriptor = new PollDescriptor { Fd = fd, Events = (short)events };
        int result = Libc.Poll(&descriptor, 1, 0);
        returned = (PollEvents)(ushort)descriptor.ReturnedEvents;
        return result;
    }

    // The synchronous call's errno; it must have failed.
    private static int SyncErrno(Func<nint> call)
    {
        Assert.Equal(-1, call());
        return Marshal.GetLastPInvokeError();
    }

    private static unsafe nint WithIoVecs(IReadOnlyList<byte[]> buffers, Func<IoVec[], nint> call)
    {
        var handles = new GCHandle[buffers.Count];
        var iov = new IoVec[buffers.Count];
        try
        {
            for (int i = 0; i < buffers.Count; i++)
            {
                handles[i] = GCHandle.Alloc(buffers[i], GCHandleType.Pinned);
                iov[i] = new IoVec { Base = (void*)handles[i].AddrOfPinnedObject(), Length = (nuint)buffers[i].Length };
            }

            return call(iov);
        }
        finally
        {
            foreach (GCHandle handle in handles)
            {
                if (handle.IsAllocated)
                {
                    handle.Free();
                }
            }
        }
    }
}
