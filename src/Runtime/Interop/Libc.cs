using System.Runtime.InteropServices;

namespace AsyncSys.Interop;

/// <summary>
/// libc entry points. Each sets errno capture (SetLastError) so a caller can read it with
/// Marshal.GetLastPInvokeError() right after the call, with nothing in between.
/// </summary>
internal static unsafe partial class Libc
{
    private const string Lib = "libc";

    // syscall(2) is variadic; integer arguments passed as longs follow the normal calling convention on
    // x86-64 and arm64 Linux, which is what lets us reach io_uring_* and io_* without native code.
    [LibraryImport(Lib, EntryPoint = "syscall", SetLastError = true)]
    internal static partial long syscall(long number, long a1, long a2, long a3, long a4, long a5, long a6);

    [LibraryImport(Lib, SetLastError = true)]
    internal static partial void* mmap(void* addr, nuint length, int prot, int flags, int fd, long offset);

    [LibraryImport(Lib, SetLastError = true)]
    internal static partial int munmap(void* addr, nuint length);

    [LibraryImport(Lib, SetLastError = true)]
    internal static partial int close(int fd);

    [LibraryImport(Lib, SetLastError = true)]
    internal static partial nint read(int fd, void* buf, nuint count);

    [LibraryImport(Lib, SetLastError = true)]
    internal static partial nint write(int fd, void* buf, nuint count);

    [LibraryImport(Lib, SetLastError = true)]
    internal static partial nint pread(int fd, void* buf, nuint count, long offset);

    [LibraryImport(Lib, SetLastError = true)]
    internal static partial nint pwrite(int fd, void* buf, nuint count, long offset);

    [LibraryImport(Lib, SetLastError = true)]
    internal static partial nint readv(int fd, void* iov, int iovcnt);

    [LibraryImport(Lib, SetLastError = true)]
    internal static partial nint writev(int fd, void* iov, int iovcnt);

    [LibraryImport(Lib, SetLastError = true)]
    internal static partial nint preadv2(int fd, void* iov, int iovcnt, long offset, int flags);

    [LibraryImport(Lib, SetLastError = true)]
    internal static partial nint pwritev2(int fd, void* iov, int iovcnt, long offset, int flags);

    [LibraryImport(Lib, SetLastError = true)]
    internal static partial int fsync(int fd);

    [LibraryImport(Lib, SetLastError = true)]
    internal static partial int fdatasync(int fd);

    [LibraryImport(Lib, SetLastError = true)]
    internal static partial int sync_file_range(int fd, long offset, long nbytes, uint flags);

    [LibraryImport(Lib, SetLastError = true)]
    internal static partial int poll(void* fds, nuint nfds, int timeout);

    [LibraryImport(Lib, SetLastError = true)]
    internal static partial int openat(int dirfd, byte* path, int flags, uint mode);

    [LibraryImport(Lib, SetLastError = true)]
    internal static partial int statx(int dirfd, byte* path, int flags, uint mask, void* buf);

    [LibraryImport(Lib, SetLastError = true)]
    internal static partial int fallocate(int fd, int mode, long offset, long len);

    [LibraryImport(Lib, SetLastError = true)]
    internal static partial int ftruncate(int fd, long length);

    // posix_fadvise returns the error number instead of setting errno.
    [LibraryImport(Lib)]
    internal static partial int posix_fadvise(int fd, long offset, long len, int advice);

    [LibraryImport(Lib, SetLastError = true)]
    internal static partial nint send(int fd, void* buf, nuint len, int flags);

    [LibraryImport(Lib, SetLastError = true)]
    internal static partial nint recv(int fd, void* buf, nuint len, int flags);

    [LibraryImport(Lib, SetLastError = true)]
    internal static partial int getsockopt(int fd, int level, int name, void* value, uint* length);

    /// <summary>SOL_SOCKET and SO_TYPE (asm-generic/socket.h): asking a descriptor its socket type tells whether it is a socket.</summary>
    internal const int SOL_SOCKET = 1, SO_TYPE = 3;

    /// <summary>Whether <paramref name="fd"/> is a socket (getsockopt answers ENOTSOCK for anything else).</summary>
    internal static bool IsSocket(int fd)
    {
        int type;
        uint length = sizeof(int);
        return getsockopt(fd, SOL_SOCKET, SO_TYPE, &type, &length) == 0;
    }

    [LibraryImport(Lib, SetLastError = true)]
    internal static partial nint sendmsg(int fd, void* msg, int flags);

    [LibraryImport(Lib, SetLastError = true)]
    internal static partial nint recvmsg(int fd, void* msg, int flags);

    [LibraryImport(Lib, SetLastError = true)]
    internal static partial int accept4(int fd, void* addr, uint* addrlen, int flags);

    [LibraryImport(Lib, SetLastError = true)]
    internal static partial int connect(int fd, void* addr, uint addrlen);

    [LibraryImport(Lib, SetLastError = true)]
    internal static partial int shutdown(int fd, int how);

    [LibraryImport(Lib, SetLastError = true)]
    internal static partial int renameat2(int olddirfd, byte* oldpath, int newdirfd, byte* newpath, uint flags);

    [LibraryImport(Lib, SetLastError = true)]
    internal static partial int unlinkat(int dirfd, byte* path, int flags);

    [LibraryImport(Lib, SetLastError = true)]
    internal static partial int mkdirat(int dirfd, byte* path, uint mode);

    [LibraryImport(Lib, SetLastError = true)]
    internal static partial nint splice(int fdIn, long* offIn, int fdOut, long* offOut, nuint len, uint flags);

    [LibraryImport(Lib, SetLastError = true)]
    internal static partial int eventfd(uint initval, int flags);

    [LibraryImport(Lib, SetLastError = true)]
    internal static partial int pipe2(int* fds, int flags);

    [LibraryImport(Lib, SetLastError = true)]
    internal static partial int sigaction(int signum, void* act, void* oldact);

    [LibraryImport(Lib, SetLastError = true)]
    internal static partial int getpid();

    [LibraryImport(Lib, SetLastError = true)]
    internal static partial int gettid();

    [LibraryImport(Lib, SetLastError = true)]
    internal static partial int tgkill(int tgid, int tid, int sig);

    [LibraryImport(Lib)]
    internal static partial int __libc_current_sigrtmax();

    [LibraryImport(Lib)]
    internal static partial int __libc_current_sigrtmin();

    [LibraryImport(Lib, SetLastError = true)]
    internal static partial int nanosleep(void* req, void* rem);

    internal const int PROT_READ = 0x1;
    internal const int PROT_WRITE = 0x2;
    internal const int MAP_SHARED = 0x01;
    internal const int MAP_POPULATE = 0x8000;
    internal const int EFD_CLOEXEC = 0x80000;
    internal const int EFD_NONBLOCK = 0x800;
    internal const int O_RDONLY = 0;
    internal const int O_CLOEXEC = 0x80000;
    internal const int O_NONBLOCK = 0x800;
    internal const int AT_FDCWD = -100;
}
