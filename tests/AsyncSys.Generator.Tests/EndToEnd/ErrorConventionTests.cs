using System;
using System.IO;
using System.Threading.Tasks;

namespace AsyncSys.Generator.Tests.EndToEnd;

/// <summary>
/// Every error convention on the real kernel: glibc's LFS aliases keep their base call's convention, and each
/// stated <see cref="SyscallErrors"/> value turns a failure into ErrnoException with the right errno.
/// </summary>
public sealed class ErrorConventionTests : IDisposable
{
    private const int BadFd = 999_999;
    private readonly IoRing _ring = IoRing.Create();
    private readonly string _directory = Directory.CreateTempSubdirectory("asyncsys-conventions-").FullName;

    public void Dispose()
    {
        _ring.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task Lfs_aliases_keep_their_base_calls_conventions()
    {
        // posix_fallocate64 returns the error number (9), not -1: the variant throws EBADF rather than returning 9.
        Assert.Equal(Errno.EBADF, ErrorConventions.PosixFallocate64(BadFd, 0, 1));
        ErrnoException fallocate = await Assert.ThrowsAsync<ErrnoException>(async () => await ErrorConventions.PosixFallocate64Async(_ring, BadFd, 0, 1));
        Assert.Equal(Errno.EBADF, fallocate.Errno);
        ErrnoException fadvise = await Assert.ThrowsAsync<ErrnoException>(async () => await ErrorConventions.PosixFadvise64Async(_ring, BadFd, 0, 0, 0));
        Assert.Equal(Errno.EBADF, fadvise.Errno);
        ErrnoException fallocate2 = await Assert.ThrowsAsync<ErrnoException>(async () => await ErrorConventions.Fallocate64Async(_ring, BadFd, 0, 0, 1));
        Assert.Equal(Errno.EBADF, fallocate2.Errno);

        string path = Path.Combine(_directory, "lfs.bin");
        File.WriteAllBytes(path, Array.Empty<byte>());
        using (FileStream stream = File.OpenWrite(path))
        {
            int fd = (int)stream.SafeFileHandle.DangerousGetHandle();
            Assert.Equal(0, await ErrorConventions.PosixFallocate64Async(_ring, fd, 0, 4096));
        }

        Assert.Equal(4096, new FileInfo(path).Length);
        Assert.Equal(0, await ErrorConventions.Truncate64Async(_ring, path, 100));
        Assert.Equal(100, new FileInfo(path).Length);
        ErrnoException missing = await Assert.ThrowsAsync<ErrnoException>(async () => await ErrorConventions.Truncate64Async(_ring, Path.Combine(_directory, "absent"), 1));
        Assert.Equal(Errno.ENOENT, missing.Errno);
    }

    [Fact]
    public async Task Stated_conventions_turn_each_kind_of_failure_into_its_errno()
    {
        ErrnoException shim = await Assert.ThrowsAsync<ErrnoException>(async () => await ErrorConventions.PosixFAdviseShimAsync(_ring, BadFd, 0, 0, 0));
        Assert.Equal(Errno.EBADF, shim.Errno);

        ErrnoException number = await Assert.ThrowsAsync<ErrnoException>(async () => await ErrorConventions.AdviseSequentialAsync(_ring, BadFd));
        Assert.Equal(Errno.EBADF, number.Errno);
        ErrnoException negated = await Assert.ThrowsAsync<ErrnoException>(async () => await ErrorConventions.AdviseNegatedAsync(_ring, BadFd));
        Assert.Equal(Errno.EBADF, negated.Errno);

        ErrnoException nullResult = await Assert.ThrowsAsync<ErrnoException>(async () => await ErrorConventions.WorkingDirectoryWithRoomAsync(_ring, 1));
        Assert.Equal(Errno.ERANGE, nullResult.Errno);

        Assert.Equal(-1, await ErrorConventions.MinusOneAlwaysAsync(_ring, BadFd));

        // A NULL-and-errno result of -1 is a value (LC_GLOBAL_LOCALE): returned, not read as a failure with no errno (EIO).
        Assert.Equal(-1, await ErrorConventions.GlobalLocaleOrAsync(_ring, -1));
        ErrnoException globalOrNull = await Assert.ThrowsAsync<ErrnoException>(async () => await ErrorConventions.GlobalLocaleOrAsync(_ring, 1));
        Assert.Equal(Errno.ERANGE, globalOrNull.Errno);
        Assert.NotEqual(0, await ErrorConventions.GlobalLocaleOrAsync(_ring, 4096));

        ErrnoException minusOne = await Assert.ThrowsAsync<ErrnoException>(async () => await ErrorConventions.SyncFsShimAsync(_ring, BadFd));
        Assert.Equal(Errno.EBADF, minusOne.Errno);

        // On the ring the kernel's completion carries -errno, whatever the wrapper's own convention.
        ErrnoException ring = await Assert.ThrowsAsync<ErrnoException>(async () => await ErrorConventions.ReadAtOnRingAsync(_ring, BadFd, new byte[8], 0));
        Assert.Equal(Errno.EBADF, ring.Errno);
    }
}
