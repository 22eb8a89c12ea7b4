using System;
using System.IO;
using System.Runtime.InteropServices;
using System.Text;
using System.Threading.Tasks;
using Microsoft.Win32.SafeHandles;

namespace AsyncSys.Generator.Tests.EndToEnd;

/// <summary>
/// Each generated variant against its synchronous wrapper on the real kernel: the same result, the same errno
/// on failure (as ErrnoException), the same bytes in output buffers and the same addresses.
/// </summary>
public sealed partial class VariantTests : IDisposable
{
    private const int BadFd = 999_999;
    private const int ReadWriteCreate = 0x2 | 0x40;  // O_RDWR | O_CREAT
    private const int NonBlockCloexec = 0x800 | 0x80000;
    private readonly IoRing _ring = IoRing.Create();
    private readonly string _directory = Directory.CreateTempSubdirectory("asyncsys-variants-").FullName;

    public void Dispose()
    {
        _ring.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task Read_and_write_with_typedef_results_match_the_synchronous_calls()
    {
        (int readFd, int writeFd) = MakePipe();
        byte[] data = Encoding.ASCII.GetBytes("typedef ssize_t");
        long written = await Variants.WriteAsync(_ring, writeFd, data);
        byte[] got = new byte[64];
        long read = await Variants.ReadAsync(_ring, readFd, got);

        Assert.Equal(data.Length, written);
        Assert.Equal(data.Length, read);
        Assert.Equal(data, got.AsSpan(0, (int)read).ToArray());
        await ExpectSameErrno(() => Sync.Read(BadFd, got), async () => await Variants.ReadAsync(_ring, BadFd, got));
        CloseAll(readFd, writeFd);
    }

    [Fact]
    public async Task Pread_with_an_off_t_offset_and_pwrite_of_an_array_with_a_count_match()
    {
        int fd = OpenNew("p.bin");
        byte[] data = Encoding.ASCII.GetBytes("0123456789");
        long written = await Variants.PWriteAsync(_ring, fd, data, 4, 0);   // only the count's 4 bytes
        byte[] viaAsync = new byte[8];
        byte[] viaSync = new byte[8];
        long asyncCount = await Variants.PReadAsync(_ring, fd, viaAsync, new off_t(1));
        long syncCount = Sync.PRead(fd, viaSync, 1);

        Assert.Equal(4, written);
        Assert.Equal(syncCount, asyncCount);
        Assert.Equal(viaSync, viaAsync);
        Variants.Close(fd);
    }

    [Fact]
    public async Task Gethostname_fills_the_output_buffer_like_the_synchronous_call()
    {
        byte[] viaSync = new byte[256];
        byte[] viaAsync = new byte[256];
        int syncResult = Sync.GetHostName(viaSync);

        int asyncResult = await Variants.GetHostNameAsync(_ring, viaAsync);

        Assert.Equal(syncResult, asyncResult);
        Assert.Equal(viaSync, viaAsync);
        Assert.NotEqual(0, viaAsync[0]);
    }

    [Fact]
    public async Task Readlink_and_readlinkat_return_the_target_in_the_buffer_and_ENOENT_for_a_missing_link()
    {
        string link = Path.Combine(_directory, "link");
        File.CreateSymbolicLink(link, "/some/target/path");
        byte[] viaAsync = new byte[128];
        long count = await Variants.ReadLinkAsync(_ring, link, viaAsync);
        byte[] viaAt = new byte[128];
        nint countAt = await Variants.ReadLinkAtAsync(_ring, IoRing.AtCurrentDirectory, link, viaAt);
        byte[] viaSync = new byte[128];
        long syncCount = Sync.ReadLink(link, viaSync);

        Assert.Equal(syncCount, count);
        Assert.Equal(syncCount, countAt);
        Assert.Equal("/some/target/path", Encoding.UTF8.GetString(viaAsync, 0, (int)count));
        Assert.Equal(viaSync, viaAsync);
        string missing = Path.Combine(_directory, "missing");
        await ExpectSameErrno(
            () => Sync.ReadLink(missing, viaSync),
            async () => await Variants.ReadLinkAsync(_ring, missing, viaAsync));
    }

    [Fact]
    public async Task Getcwd_returns_the_directory_and_ERANGE_for_a_short_buffer_instead_of_a_null_success()
    {
        byte[] viaAsync = new byte[4096];
        nint pointer = await Variants.GetCwdAsync(_ring, viaAsync);
        byte[] viaSync = new byte[4096];
        Sync.GetCwd(viaSync);

        Assert.NotEqual(0, pointer);
        Assert.Equal(viaSync, viaAsync);
        ErrnoException error = await Assert.ThrowsAsync<ErrnoException>(async () => await Variants.GetCwdAsync(_ring, new byte[1]));
        Assert.Equal(Errno.ERANGE, error.Errno);
    }

    [Fact]
    public async Task Stat_family_returns_the_struct_the_synchronous_call_fills()
    {
        string file = Path.Combine(_directory, "sized.bin");
        File.WriteAllBytes(file, new byte[1234]);
        int fd = OpenExisting(file);
        Assert.Equal(0, Sync.FStat(fd, out StatBuffer viaSync));

        StatBuffer fstat = await Variants.FStatAsync(_ring, fd);
        StatBuffer stat = await Variants.StatAsync(_ring, file);
        StatBuffer lstat = await Variants.LStatAsync(_ring, file);
        StatBuffer fstatat = await Variants.FStatAtAsync(_ring, IoRing.AtCurrentDirectory, file, 0);
        using var handle = new SafeFileHandle(fd, ownsHandle: false);
        StatBuffer viaHandle = await Variants.FStatHandleAsync(_ring, handle);

        Assert.Equal(1234, viaSync.Size);
        foreach (StatBuffer result in new[] { fstat, stat, lstat, fstatat, viaHandle })
        {
            Assert.Equal(Sync.BytesOf(viaSync), Sync.BytesOf(result));
        }

        await ExpectSameErrno(() => Sync.FStat(BadFd, out _), async () => (await Variants.FStatAsync(_ring, BadFd)).Size);
        string missing = Path.Combine(_directory, "missing");
        await ExpectSameErrno(() => Sync.Stat(missing), async () => (await Variants.StatAsync(_ring, missing)).Size);
        Variants.Close(fd);
    }

    [Fact]
    public async Task Xattrs_set_asynchronously_read_back_synchronously_or_fail_with_the_same_errno()
    {
        string file = Path.Combine(_directory, "x.bin");
        File.WriteAllBytes(file, new byte[1]);
        byte[] value = Encoding.ASCII.GetBytes("xattr value");
        int syncSet = Sync.SetXattr(file, "user.asyncsys", value);
        int syncErrno = syncSet < 0 ? Marshal.GetLastPInvokeError() : 0;
        if (syncErrno != 0)
        {
            // The file system takes no user xattrs: the async call must fail the same way.
            ErrnoException error = await Assert.ThrowsAsync<ErrnoException>(async () => await Variants.SetXattrAsync(_ring, file, "user.asyncsys", value, 0));
            Assert.Equal(syncErrno, error.Errno);
            return;
        }

        Assert.Equal(0, await Variants.SetXattrAsync(_ring, file, "user.asyncsys2", value, 0));
        byte[] viaAsync = new byte[64];
        nint count = await Variants.GetXattrAsync(_ring, file, "user.asyncsys2", viaAsync);
        Assert.Equal(value, viaAsync.AsSpan(0, (int)count).ToArray());
    }

    [Fact]
    public async Task Getdents64_reads_the_same_directory_entries()
    {
        File.WriteAllBytes(Path.Combine(_directory, "a"), Array.Empty<byte>());
        int dirFd = OpenDirectory(_directory);
        int dirFd2 = OpenDirectory(_directory);
        byte[] viaAsync = new byte[4096];
        byte[] viaSync = new byte[4096];
        nint count = await Variants.GetDents64Async(_ring, dirFd, viaAsync);
        nint syncCount = Sync.GetDents64(dirFd2, viaSync);

        Assert.Equal(syncCount, count);
        Assert.Equal(viaSync, viaAsync);
        CloseAll(dirFd, dirFd2);
    }

    [Fact]
    public async Task Sendfile_and_copy_file_range_return_the_advanced_offsets()
    {
        int source = OpenNew("src.bin");
        await Variants.PWriteAsync(_ring, source, Encoding.ASCII.GetBytes("abcdefghij"), 10, 0);
        int target = OpenNew("dst.bin");

        Variants.SendFileResult sent = await Variants.SendFileAsync(_ring, target, source, 2, 5);
        Variants.CopyFileRangeResult copied = await Variants.CopyFileRangeAsync(_ring, source, 7, target, null, 3, 0);
        Variants.SendFileResult noOffset = await Variants.SendFileAsync(_ring, target, source, null, 0);

        Assert.Equal(5, (long)sent.ReturnValue);
        Assert.Equal(7, sent.Offset);
        Assert.Equal(3, (long)copied.ReturnValue);
        Assert.Equal(10, copied.OffIn);
        Assert.Null(copied.OffOut);
        Assert.Null(noOffset.Offset);
        Assert.Equal("cdefghij", File.ReadAllText(Path.Combine(_directory, "dst.bin")));
        await ExpectSameErrno(() => Sync.SendFile(target, BadFd), async () => (await Variants.SendFileAsync(_ring, target, BadFd, null, 1)).ReturnValue);
        CloseAll(source, target);
    }

    [Fact]
    public async Task Splice_with_offset_pointers_returns_the_offset_the_kernel_advanced_like_the_synchronous_call()
    {
        int source = OpenNew("splice.bin");
        await Variants.PWriteAsync(_ring, source, Encoding.ASCII.GetBytes("abcdefghijklmnop"), 16, 0);
        (int syncRead, int syncWrite) = MakePipe();
        (int asyncRead, int asyncWrite) = MakePipe();

        (long Result, long? OffIn, long? OffOut) sync = Sync.Splice(source, 3, syncWrite, null, 10);
        Variants.SpliceResult spliced = await Variants.SpliceAsync(_ring, source, 3, asyncWrite, null, 10, 0);
        // NULL for off_in: the file's own position is read from (and advanced); no offset comes back.
        Variants.SpliceResult fromPosition = await Variants.SpliceAsync(_ring, source, null, asyncWrite, null, 4, 0);

        Assert.Equal((10L, 13L, (long?)null), sync);
        Assert.Equal(sync.Result, (long)spliced.ReturnValue);
        Assert.Equal(sync.OffIn, spliced.OffIn);
        Assert.Null(spliced.OffOut);
        Assert.Equal(4, (long)fromPosition.ReturnValue);
        Assert.Null(fromPosition.OffIn);
        Assert.Equal("defghijklm", ReadText(syncRead, 10));
        Assert.Equal("defghijklmabcd", ReadText(asyncRead, 14));
        // An offset for the pipe's end: ESPIPE from both, where -1 for "none" would have been taken as offset 0 or refused.
        await ExpectSameErrno(() => Sync.Splice(source, 0, syncWrite, 0, 1).Result, async () => (await Variants.SpliceAsync(_ring, source, 0, asyncWrite, 0, 1, 0)).ReturnValue);
        CloseAll(source, syncRead, syncWrite, asyncRead, asyncWrite);
    }

    [Fact]
    public async Task Splice_stated_on_the_ring_takes_its_offsets_by_value_with_minus_one_for_none()
    {
        int source = OpenNew("splice-ring.bin");
        await Variants.PWriteAsync(_ring, source, Encoding.ASCII.GetBytes("abcdefghijklmnop"), 16, 0);
        (int syncRead, int syncWrite) = MakePipe();
        (int asyncRead, int asyncWrite) = MakePipe();

        long sync = Variants.SpliceAt(source, 3, syncWrite, -1, 10, 0);
        long moved = await Variants.SpliceAtAsync(_ring, source, 3, asyncWrite, -1, 10, 0);

        Assert.Equal(10, sync);
        Assert.Equal(sync, moved);
        Assert.Equal(ReadText(syncRead, 10), ReadText(asyncRead, 10));
        await ExpectSameErrno(() => Variants.SpliceAt(source, 0, syncWrite, 0, 1, 0), async () => await Variants.SpliceAtAsync(_ring, source, 0, asyncWrite, 0, 1, 0));
        CloseAll(source, syncRead, syncWrite, asyncRead, asyncWrite);
    }

    [Fact]
    public async Task Splice_on_the_ring_with_a_length_beyond_int_moves_what_the_synchronous_call_moves()
    {
        int source = OpenNew("splice-long.bin");
        await Variants.PWriteAsync(_ring, source, Encoding.ASCII.GetBytes("abcdefghijklmnop"), 16, 0);
        (int syncRead, int syncWrite) = MakePipe();
        (int asyncRead, int asyncWrite) = MakePipe();
        // 2^32 + 10: an unchecked cast to the ring's int made it 10. 2^32 - 6: it made it negative, and the request threw.
        nuint beyondUInt = unchecked((nuint)uint.MaxValue + 11);   // 64-bit only, as the ring is
        nuint beyondInt = (nuint)uint.MaxValue - 5;

        long sync = Variants.SpliceAt(source, 0, syncWrite, -1, beyondUInt, 0);
        long moved = await Variants.SpliceAtAsync(_ring, source, 0, asyncWrite, -1, beyondUInt, 0);
        long syncFromThree = Variants.SpliceAt(source, 3, syncWrite, -1, beyondInt, 0);
        long movedFromThree = await Variants.SpliceAtAsync(_ring, source, 3, asyncWrite, -1, beyondInt, 0);

        Assert.Equal(16, sync);
        Assert.Equal(sync, moved);
        Assert.Equal(13, syncFromThree);
        Assert.Equal(syncFromThree, movedFromThree);
        Assert.Equal("abcdefghijklmnopdefghijklmnop", ReadText(syncRead, 29));
        Assert.Equal("abcdefghijklmnopdefghijklmnop", ReadText(asyncRead, 29));
        CloseAll(source, syncRead, syncWrite, asyncRead, asyncWrite);
    }

    [Fact]
    public async Task A_descriptor_outside_int_runs_the_wrapper_and_answers_as_it_does()
    {
        int fd = OpenNew("wide-fd.bin");
        // fd + 2^32: fsync(2) takes an int, so the synchronous call syncs fd (the low 32 bits); the variant, which the
        // ring cannot take it for, runs the wrapper and answers the same. int.MinValue - 1 is -2^31 - 1: its low 32 bits
        // are int.MaxValue, a descriptor not open, EBADF both ways.
        nint wide = fd + ((nint)1 << 32);
        nint belowInt = unchecked((nint)int.MinValue - 1);

        Assert.Equal(0, await Variants.FSyncWideAsync(_ring, fd));
        Assert.Equal(Variants.FSyncWide(wide), await Variants.FSyncWideAsync(_ring, wide));
        Assert.Equal(-1, Variants.FSyncWide(belowInt));
        Assert.Equal(Errno.EBADF, Marshal.GetLastPInvokeError());
        ErrnoException tooSmall = await Assert.ThrowsAsync<ErrnoException>(async () => await Variants.FSyncWideAsync(_ring, belowInt));
        Assert.Equal(Errno.EBADF, tooSmall.Errno);
        Variants.Close(fd);
    }

    [Fact]
    public async Task A_uint_dirfd_holding_AT_FDCWD_and_a_uint_mode_with_high_bits_open_as_the_synchronous_call_does()
    {
        // AT_FDCWD (-100) in a uint is 0xFFFFFF9C: the kernel reads the int the synchronous call passes. A relative path
        // proves the directory is the working one. The mode's high bits are dropped by the kernel (umode_t), both ways.
        const uint AtFdCwd = unchecked((uint)-100);
        const uint ModeWithHighBit = 0x8000_0180;   // 0600 and bit 31
        string syncPath = Path.Combine(_directory, "uint-sync.bin");
        string asyncPath = Path.Combine(_directory, "uint-async.bin");
        string relativeSync = Path.GetRelativePath(Environment.CurrentDirectory, syncPath);
        string relativeAsync = Path.GetRelativePath(Environment.CurrentDirectory, asyncPath);

        int syncFd = SyncOpenAtUnsigned(AtFdCwd, relativeSync, ReadWriteCreate | 0x80000, ModeWithHighBit);
        int asyncFd = await Variants.OpenAtUnsignedAsync(_ring, AtFdCwd, relativeAsync, ReadWriteCreate | 0x80000, ModeWithHighBit);

        Assert.True(syncFd >= 0, "the synchronous openat failed: errno " + Marshal.GetLastPInvokeError());
        Assert.True(asyncFd >= 0);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(syncPath));
        Assert.Equal(File.GetUnixFileMode(syncPath), File.GetUnixFileMode(asyncPath));
        CloseAll(syncFd, asyncFd);
    }

    [Fact]
    public async Task Pread_and_pwrite_with_a_negative_offset_fail_with_EINVAL_like_the_synchronous_call_and_move_no_bytes()
    {
        int fd = OpenNew("negative-offset.bin");
        byte[] data = Encoding.ASCII.GetBytes("0123456789");
        Assert.Equal(10L, (long)await Variants.PWriteAsync(_ring, fd, data, 10, 0));
        Assert.Equal(0L, (long)Variants.LSeek(fd, new off_t(0), 0));   // the file position at 0: a read there would find bytes
        byte[] buffer = new byte[4];

        foreach (long offset in new[] { -1L, -2L, long.MinValue })
        {
            await ExpectSameErrno(() => SyncPRead(fd, buffer, offset), async () => await Variants.PReadAsync(_ring, fd, buffer, new off_t(offset)));
            await ExpectSameErrno(() => Variants.PWrite(fd, data, 3, offset), async () => await Variants.PWriteAsync(_ring, fd, data, 3, offset));
            await ExpectSameErrno(
                () => SyncPRead(fd, buffer, offset),
                async () => await ArrayVariants.PReadVAsync(_ring, fd, new Memory<byte>[] { buffer }, offset));

            // -errno, as the synchronous call's -1 and errno.
            nint syncResult = SyncPReadOrErrno(fd, buffer, offset);
            int errno = Marshal.GetLastPInvokeError();
            Assert.Equal(-1, syncResult);
            Assert.Equal(Errno.EINVAL, errno);
            Assert.Equal(-Errno.EINVAL, await Variants.PReadOrErrnoAsync(_ring, fd, buffer, offset));
        }

        ErrnoException error = await Assert.ThrowsAsync<ErrnoException>(async () => await Variants.PReadAsync(_ring, fd, buffer, new off_t(-1)));
        Assert.Contains("pread", error.Message, StringComparison.Ordinal);
        Assert.Equal(new byte[4], buffer);                                  // nothing read
        Assert.Equal(0L, (long)Variants.LSeek(fd, new off_t(0), 1));       // the file position never moved
        Assert.Equal("0123456789", File.ReadAllText(Path.Combine(_directory, "negative-offset.bin")));   // nothing written

        // A token already cancelled still cancels.
        using var cancelled = new System.Threading.CancellationTokenSource();
        cancelled.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await Variants.PReadAsync(_ring, fd, buffer, new off_t(-1), cancelled.Token));
        Variants.Close(fd);
    }

    [Fact]
    public async Task Splice_of_zero_bytes_on_the_ring_returns_zero_like_the_synchronous_call()
    {
        int source = OpenNew("splice-zero.bin");
        await Variants.PWriteAsync(_ring, source, Encoding.ASCII.GetBytes("abc"), 3, 0);
        (int pipeRead, int pipeWrite) = MakePipe();

        long sync = Variants.SpliceAt(source, 0, pipeWrite, -1, 0, 0);
        long moved = await Variants.SpliceAtAsync(_ring, source, 0, pipeWrite, -1, 0, 0);
        // splice(2) returns 0 for 0 bytes before it looks at its descriptors.
        long syncBadFds = Variants.SpliceAt(BadFd, 0, BadFd, -1, 0, 0);
        long movedBadFds = await Variants.SpliceAtAsync(_ring, BadFd, 0, BadFd, -1, 0, 0);

        Assert.Equal(0, sync);
        Assert.Equal(sync, moved);
        Assert.Equal(0, syncBadFds);
        Assert.Equal(syncBadFds, movedBadFds);
        Assert.Equal(1, await Variants.SpliceAtAsync(_ring, source, 2, pipeWrite, -1, 1, 0));
        Assert.Equal("c", ReadText(pipeRead, 8));

        using var cancelled = new System.Threading.CancellationTokenSource();
        cancelled.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await Variants.SpliceAtAsync(_ring, source, 0, pipeWrite, -1, 0, 0, cancelled.Token));
        CloseAll(source, pipeRead, pipeWrite);
    }

    [Fact]
    public async Task A_worker_length_narrower_than_int_caps_a_transfer_and_refuses_an_address_it_cannot_hold()
    {
        // 65,546 bytes: as a ushort, its low bits are 10.
        byte[] buffer = new byte[ushort.MaxValue + 11];
        nint filled = await Variants.GetRandomShortAsync(_ring, buffer, 0);
        byte[] small = new byte[10];
        nint syncFilled = SyncGetRandomShort(small);

        Assert.Equal(ushort.MaxValue, filled);                        // a short transfer, as far as the type can say
        Assert.Equal(syncFilled, await Variants.GetRandomShortAsync(_ring, small, 0));   // a length that fits is the length

        int socket = Variants.Socket(2, 2 | 0x80000, 0);                 // AF_INET, SOCK_DGRAM
        byte[] tooLong = new byte[byte.MaxValue + 17];                // 272 bytes: as a byte, 16, a whole sockaddr_in
        Loopback(0).CopyTo(tooLong, 0);
        ArgumentOutOfRangeException refused = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await Variants.BindShortAsync(_ring, socket, tooLong));
        Assert.Equal("addr", refused.ParamName);
        Assert.Contains("bind", refused.Message, StringComparison.Ordinal);
        Assert.Equal(0, await Variants.BindShortAsync(_ring, socket, Loopback(0)));
        CloseAll(socket);
    }

    private static unsafe int SyncOpenAtUnsigned(uint dirfd, string path, int flags, uint mode)
    {
        fixed (byte* utf8 = Encoding.UTF8.GetBytes(path + "\0"))
        {
            return Variants.OpenAtUnsigned(dirfd, utf8, flags, mode);
        }
    }

    private static unsafe nint SyncGetRandomShort(byte[] buffer)
    {
        fixed (byte* pointer = buffer)
        {
            return Variants.GetRandomShort(pointer, (ushort)buffer.Length, 0);
        }
    }

    private static unsafe long SyncPRead(int fd, byte[] buffer, long offset)
    {
        fixed (byte* pointer = buffer)
        {
            return Variants.PRead(fd, pointer, (nuint)buffer.Length, new off_t(offset));
        }
    }

    private static unsafe nint SyncPReadOrErrno(int fd, byte[] buffer, long offset)
    {
        fixed (byte* pointer = buffer)
        {
            return Variants.PReadOrErrno(fd, pointer, (nuint)buffer.Length, offset);
        }
    }

    [Fact]
    public async Task Ftruncate_and_lseek_with_off_t_typedefs_match()
    {
        int fd = OpenNew("t.bin");
        Assert.Equal(0, await Variants.FTruncateAsync(_ring, fd, new off_t(4096)));
        off_t end = await Variants.LSeekAsync(_ring, fd, new off_t(0), 2);   // SEEK_END

        Assert.Equal(4096, (long)end);
        Assert.Equal(4096, new FileInfo(Path.Combine(_directory, "t.bin")).Length);
        await ExpectSameErrno(() => (long)Variants.LSeek(BadFd, new off_t(0), 0), async () => (long)await Variants.LSeekAsync(_ring, BadFd, new off_t(0), 0));
        await ExpectSameErrno(() => Variants.FTruncate(BadFd, new off_t(1)), async () => await Variants.FTruncateAsync(_ring, BadFd, new off_t(1)));
        Variants.Close(fd);
    }

    [Fact]
    public async Task Ftruncate_to_a_negative_length_fails_with_EINVAL_as_the_call_does_not_ArgumentOutOfRange()
    {
        // ftruncate(2) answers EINVAL for a negative off_t before it looks at the descriptor; a ulong of 2^63 is one.
        int fd = OpenNew("negative.bin");
        await ExpectSameErrno(() => Variants.FTruncateUnsigned(fd, 1UL << 63), async () => await Variants.FTruncateUnsignedAsync(_ring, fd, 1UL << 63));
        await ExpectSameErrno(() => Variants.FTruncateSigned(fd, -1), async () => await Variants.FTruncateSignedAsync(_ring, fd, -1));
        await ExpectSameErrno(() => Variants.FTruncateSigned(BadFd, -1), async () => await Variants.FTruncateSignedAsync(_ring, BadFd, -1));
        Assert.Equal(0, await Variants.FTruncateUnsignedAsync(_ring, fd, 7));
        Assert.Equal(7, new FileInfo(Path.Combine(_directory, "negative.bin")).Length);
        Variants.Close(fd);
    }

    [Fact]
    public async Task Posix_fallocate_returns_its_error_number_and_the_variant_throws_it()
    {
        int fd = OpenNew("f.bin");
        Assert.Equal(0, await Variants.PosixFallocateAsync(_ring, fd, 0, 8192));
        Assert.Equal(8192, new FileInfo(Path.Combine(_directory, "f.bin")).Length);

        int syncResult = Variants.PosixFallocate(BadFd, 0, 1);
        ErrnoException error = await Assert.ThrowsAsync<ErrnoException>(async () => await Variants.PosixFallocateAsync(_ring, BadFd, 0, 1));
        Assert.Equal(Errno.EBADF, syncResult);
        Assert.Equal(Errno.EBADF, error.Errno);

        int fadvise = Variants.PosixFadvise(BadFd, 0, 0, 0);
        ErrnoException fadviseError = await Assert.ThrowsAsync<ErrnoException>(async () => await Variants.PosixFadviseAsync(_ring, BadFd, 0, 0, 0));
        Assert.Equal(Errno.EBADF, fadvise);
        Assert.Equal(Errno.EBADF, fadviseError.Errno);
        Variants.Close(fd);
    }

    [Fact]
    public async Task Fcntl_dup_and_dup3_match()
    {
        (int readFd, int writeFd) = MakePipe();
        int flags = await Variants.FcntlAsync(_ring, readFd, 3, 0);   // F_GETFL
        Assert.Equal(Variants.Fcntl(readFd, 3, 0), flags);
        int duplicate = await Variants.DupAsync(_ring, readFd);
        Assert.True(duplicate > 2);

        // dup3 onto a number this test owns (the pipe's write end, duplicated): a made-up number such as duplicate + 10
        // may be open in another test running beside this one, and dup3 would silently close that test's descriptor.
        int target = Variants.Dup(writeFd);
        int third = await Variants.Dup3Async(_ring, readFd, target, 0x80000);
        Assert.Equal(target, third);
        Assert.Equal(Variants.Fcntl(readFd, 3, 0), Variants.Fcntl(third, 3, 0)); // F_GETFL: now the read end's flags (O_RDONLY)
        await ExpectSameErrno(() => Variants.Dup(BadFd), async () => await Variants.DupAsync(_ring, BadFd));
        CloseAll(readFd, writeFd, duplicate, third);
    }

    [Fact]
    public async Task Eventfd_and_epoll_values_in_and_out_match()
    {
        int eventFd = await Variants.EventFdAsync(_ring, 0, NonBlockCloexec);
        int epollFd = await Variants.EpollCreate1Async(_ring, 0x80000);
        var registration = new EpollEvent { Events = 1, Data = 42 };   // EPOLLIN
        Assert.Equal(0, await Variants.EpollCtlAsync(_ring, epollFd, 1, eventFd, registration));   // EPOLL_CTL_ADD
        Assert.Equal(0, await Variants.EventFdWriteAsync(_ring, eventFd, 5));
        EpollEvent[] events = new EpollEvent[4];
        int ready = await Variants.EpollWaitAsync(_ring, epollFd, events, 1000);
        ulong value = await Variants.EventFdReadAsync(_ring, eventFd);

        Assert.Equal(1, ready);
        Assert.Equal(42UL, events[0].Data);
        Assert.Equal(5UL, value);
        await ExpectSameErrno(() => Sync.EventFdRead(eventFd), async () => (long)await Variants.EventFdReadAsync(_ring, eventFd));   // EAGAIN
        CloseAll(eventFd, epollFd);
    }

    [Fact]
    public async Task Pipe2_returns_both_descriptors_and_they_are_connected()
    {
        Variants.Pipe2Result pipe = await Variants.Pipe2Async(_ring, 0x80000);
        byte[] data = { 7, 8, 9 };
        await Variants.WriteAsync(_ring, pipe.WriteFd, data);
        byte[] got = new byte[3];
        await Variants.ReadAsync(_ring, pipe.ReadFd, got);

        Assert.Equal(data, got);
        ErrnoException error = await Assert.ThrowsAsync<ErrnoException>(async () => await Variants.Pipe2Async(_ring, -1));
        Assert.Equal(-1, Sync.Pipe2(-1).Result);
        Assert.Equal(Marshal.GetLastPInvokeError(), error.Errno);
        CloseAll(pipe.ReadFd, pipe.WriteFd);
    }

    [Fact]
    public async Task Sendto_on_an_unconnected_udp_socket_keeps_its_address_and_recvfrom_returns_the_sender()
    {
        int receiver = await Variants.SocketAsync(_ring, 2, 2 | 0x80000, 0);   // AF_INET, SOCK_DGRAM
        int sender = await Variants.SocketAsync(_ring, 2, 2 | 0x80000, 0);
        Assert.Equal(0, await Variants.BindAsync(_ring, receiver, Loopback(0)));
        Assert.Equal(0, await Variants.BindAsync(_ring, sender, Loopback(0)));
        byte[] receiverAddress = new byte[16];
        uint receiverLength = await Variants.GetSockNameAsync(_ring, receiver, receiverAddress);
        byte[] senderAddress = new byte[16];
        await Variants.GetSockNameAsync(_ring, sender, senderAddress);

        nint sent = await Variants.SendToAsync(_ring, sender, new byte[] { 1, 2, 3 }, 0, receiverAddress);
        byte[] payload = new byte[8];
        byte[] from = new byte[16];
        Variants.RecvFromResult received = await Variants.RecvFromAsync(_ring, receiver, payload, 0, from);

        Assert.Equal(16u, receiverLength);
        Assert.Equal(3, sent);
        Assert.Equal(3, received.ReturnValue);
        Assert.Equal(16u, received.Addrlen);
        Assert.Equal(senderAddress, from);
        Assert.Equal(new byte[] { 1, 2, 3 }, payload.AsSpan(0, 3).ToArray());
        // Without an address, the kernel says what the synchronous call says.
        await ExpectSameErrno(
            () => Sync.SendToNoAddress(sender),
            async () => await Variants.SendToAsync(_ring, sender, new byte[1], 0, ReadOnlyMemory<byte>.Empty));
        CloseAll(receiver, sender);
    }

    [Fact]
    public async Task Setsockopt_and_getsockopt_round_trip_through_buffers()
    {
        int socket = await Variants.SocketAsync(_ring, 2, 2 | 0x80000, 0);
        byte[] reuse = BitConverter.GetBytes(1);
        Assert.Equal(0, await Variants.SetSockOptAsync(_ring, socket, 1, 2, reuse));   // SOL_SOCKET, SO_REUSEADDR
        byte[] value = new byte[4];
        uint length = await Variants.GetSockOptAsync(_ring, socket, 1, 2, value);

        Assert.Equal(4u, length);
        Assert.Equal(1, BitConverter.ToInt32(value));
        await ExpectSameErrno(() => Sync.SetSockOpt(BadFd, 1, 2, 1), async () => await Variants.SetSockOptAsync(_ring, BadFd, 1, 2, reuse));
        Variants.Close(socket);
    }

    [Fact]
    public async Task Path_calls_match_the_synchronous_calls_including_their_errno()
    {
        string dir = Path.Combine(_directory, "d");
        string file = Path.Combine(_directory, "file");
        string renamed = Path.Combine(_directory, "renamed");
        string link = Path.Combine(_directory, "sym");
        File.WriteAllBytes(file, new byte[100]);

        Assert.Equal(0, await Variants.MkDirAsync(_ring, dir, 0x1C0));
        await ExpectSameErrno(() => Sync.MkDir(dir, 0x1C0), async () => await Variants.MkDirAsync(_ring, dir, 0x1C0));   // EEXIST
        Assert.Equal(0, await Variants.RmDirAsync(_ring, dir));
        Assert.Equal(0, await Variants.RenameAsync(_ring, file, renamed));
        Assert.Equal(0, await Variants.SymlinkAsync(_ring, renamed, link));
        Assert.Equal(0, await Variants.AccessAsync(_ring, link, 4));   // R_OK
        Assert.Equal(0, await Variants.ChmodAsync(_ring, renamed, 0x180));
        Assert.Equal(0, await Variants.TruncateAsync(_ring, renamed, 10));
        Assert.Equal(10, new FileInfo(renamed).Length);
        Assert.Equal(0, await Variants.UnlinkAsync(_ring, link));
        await ExpectSameErrno(() => Sync.Unlink(link), async () => await Variants.UnlinkAsync(_ring, link));   // ENOENT
        await ExpectSameErrno(() => Sync.Access(file, 0), async () => await Variants.AccessAsync(_ring, file, 0));
    }

    [Fact]
    public async Task Getrandom_getpid_and_kill_match()
    {
        byte[] random = new byte[32];
        nint count = await Variants.GetRandomAsync(_ring, random, 0);
        int pid = await Variants.GetPidAsync(_ring);

        Assert.Equal(32, count);
        Assert.Equal(Variants.GetPid(), pid);
        Assert.Equal(0, await Variants.KillAsync(_ring, pid, 0));
        await ExpectSameErrno(() => Variants.Kill(pid, 999), async () => await Variants.KillAsync(_ring, pid, 999));   // EINVAL
    }

    [Fact]
    public async Task Wrappers_in_a_generic_class_and_in_a_class_nested_in_it_run_on_a_worker_and_on_the_ring()
    {
        (int readFd, int writeFd) = MakePipe();
        byte[] data = Encoding.ASCII.GetBytes("generic");
        await Variants.WriteAsync(_ring, writeFd, data);
        byte[] got = new byte[16];

        nint read = await Pool<string>.Native.ReadIntoAsync(_ring, readFd, got);
        int copy = await Pool<int>.Native.DuplicateAsync(_ring, readFd);
        int same = await new Pool<string>("item").CountIfSameAsync(_ring, "item", 3);
        int other = await new Pool<int>(7).CountIfSameAsync(_ring, 8, 3);

        Assert.Equal(data.Length, read);
        Assert.Equal("generic", Encoding.ASCII.GetString(got, 0, (int)read));
        Assert.True(copy > 2 && copy != readFd, "dup returned " + copy);
        Assert.Equal(3, same);
        Assert.Equal(0, other);
        await ExpectSameErrno(() => Pool<string>.Native.Duplicate(BadFd), async () => await Pool<string>.Native.DuplicateAsync(_ring, BadFd));
        await ExpectSameErrno(() => Pool<int>.Native.ReadInto(BadFd, got), async () => await Pool<int>.Native.ReadIntoAsync(_ring, BadFd, got));
        CloseAll(readFd, writeFd, copy);
    }

    [Fact]
    public async Task An_unknown_entry_point_with_marks_reads_into_the_marked_output_buffer()
    {
        int fd = OpenNew("m.bin");
        await Variants.PWriteAsync(_ring, fd, Encoding.ASCII.GetBytes("marked"), 6, 0);
        byte[] got = new byte[6];
        nint count = await Variants.MarkedPReadAsync(_ring, fd, got, 0);

        Assert.Equal(6, count);
        Assert.Equal("marked", Encoding.ASCII.GetString(got));
        Variants.Close(fd);
    }

    private static byte[] Loopback(ushort port)
    {
        byte[] address = new byte[16];
        address[0] = 2;   // AF_INET, little-endian sa_family_t
        address[2] = (byte)(port >> 8);
        address[3] = (byte)port;
        address[4] = 127;
        address[7] = 1;
        return address;
    }

    /// <summary>The synchronous call fails and the asynchronous one throws ErrnoException with the same errno.</summary>
    private static async Task ExpectSameErrno(Func<long> sync, Func<Task<long>> asynchronous)
    {
        long result = sync();
        int errno = Marshal.GetLastPInvokeError();
        Assert.Equal(-1, result);
        ErrnoException error = await Assert.ThrowsAsync<ErrnoException>(asynchronous);
        Assert.Equal(errno, error.Errno);
    }

    private static (int Read, int Write) MakePipe()
    {
        (int result, int read, int write) = Sync.Pipe2(0x80000);
        Assert.Equal(0, result);
        return (read, write);
    }

    /// <summary>What a pipe holds, up to <paramref name="count"/> bytes: one read takes all that is there.</summary>
    private static string ReadText(int fd, int count)
    {
        byte[] bytes = new byte[count];
        long read = Sync.Read(fd, bytes);
        Assert.True(read >= 0, "read failed");
        return Encoding.ASCII.GetString(bytes, 0, (int)read);
    }

    private int OpenNew(string name) => Sync.Open(Path.Combine(_directory, name), ReadWriteCreate | 0x80000, 0x1B6);

    private static int OpenExisting(string path) => Sync.Open(path, 0x80000, 0);

    private static int OpenDirectory(string path) => Sync.Open(path, 0x10000 | 0x80000, 0);   // O_DIRECTORY

    private static void CloseAll(params int[] fds)
    {
        foreach (int fd in fds)
        {
            Variants.Close(fd);
        }
    }
}
