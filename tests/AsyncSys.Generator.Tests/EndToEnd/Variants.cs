using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace AsyncSys.Generator.Tests.EndToEnd;

/// <summary>Tmds.LibC-style typedefs: one private integer field each.</summary>
public struct ssize_t
{
    private long _value;

    public ssize_t(long value) => _value = value;

    public static implicit operator long(ssize_t value) => value._value;
}

/// <summary><c>off_t</c> as a typedef struct.</summary>
public struct off_t
{
    private long _value;

    public off_t(long value) => _value = value;

    public static implicit operator long(off_t value) => value._value;
}

/// <summary><c>struct stat</c> as bytes (x86-64 and arm64 both fit in 144); <c>st_size</c> sits at byte 48 on both.</summary>
[StructLayout(LayoutKind.Sequential)]
public unsafe struct StatBuffer
{
    public fixed byte Bytes[144];

    public long Size
    {
        get
        {
            fixed (byte* bytes = Bytes)
            {
                return *(long*)(bytes + 48);
            }
        }
    }
}

/// <summary><c>struct epoll_event</c> (packed on x86-64).</summary>
[StructLayout(LayoutKind.Sequential, Pack = 4)]
public struct EpollEvent
{
    public uint Events;
    public ulong Data;
}

/// <summary>
/// Wrappers in the shapes users write (typedef structs, void* buffers, out values, addresses), each with its
/// synchronous form: the variant tests call both and compare results, errno, output buffers and addresses.
/// </summary>
internal static unsafe partial class Variants
{
    [LibraryImport("libc", EntryPoint = "read", SetLastError = true)] [AsyncSyscall] internal static partial ssize_t Read(int fd, void* buf, nuint count);
    [LibraryImport("libc", EntryPoint = "write", SetLastError = true)] [AsyncSyscall] internal static partial ssize_t Write(int fd, void* buf, nuint count);
    [LibraryImport("libc", EntryPoint = "pread", SetLastError = true)] [AsyncSyscall] internal static partial ssize_t PRead(int fd, void* buf, nuint count, off_t offset);
    [LibraryImport("libc", EntryPoint = "pwrite", SetLastError = true)] [AsyncSyscall] internal static partial ssize_t PWrite(int fd, byte[] buf, nuint count, long offset);
    [LibraryImport("libc", EntryPoint = "gethostname", SetLastError = true)] [AsyncSyscall] internal static partial int GetHostName(byte* name, nuint len);
    [LibraryImport("libc", EntryPoint = "readlink", SetLastError = true)] [AsyncSyscall] internal static partial ssize_t ReadLink(byte* path, byte* buf, nuint bufsiz);
    [LibraryImport("libc", EntryPoint = "readlinkat", SetLastError = true)] [AsyncSyscall] internal static partial nint ReadLinkAt(int dirfd, byte* path, byte* buf, nuint bufsiz);
    [LibraryImport("libc", EntryPoint = "getcwd", SetLastError = true)] [AsyncSyscall] internal static partial nint GetCwd(byte* buf, nuint size);
    [LibraryImport("libc", EntryPoint = "fstat", SetLastError = true)] [AsyncSyscall] internal static partial int FStat(int fd, StatBuffer* buf);
    [LibraryImport("libc", EntryPoint = "stat", SetLastError = true)] [AsyncSyscall] internal static partial int Stat(byte* path, StatBuffer* buf);
    [LibraryImport("libc", EntryPoint = "lstat", SetLastError = true)] [AsyncSyscall] internal static partial int LStat(byte* path, StatBuffer* buf);
    [LibraryImport("libc", EntryPoint = "fstatat", SetLastError = true)] [AsyncSyscall] internal static partial int FStatAt(int dirfd, byte* path, StatBuffer* buf, int flags);
    [LibraryImport("libc", EntryPoint = "setxattr", SetLastError = true)] [AsyncSyscall] internal static partial int SetXattr(byte* path, byte* name, void* value, nuint size, int flags);
    [LibraryImport("libc", EntryPoint = "getxattr", SetLastError = true)] [AsyncSyscall] internal static partial nint GetXattr(byte* path, byte* name, void* value, nuint size);
    [LibraryImport("libc", EntryPoint = "getdents64", SetLastError = true)] [AsyncSyscall] internal static partial nint GetDents64(int fd, void* dirp, nuint count);
    [LibraryImport("libc", EntryPoint = "sendfile", SetLastError = true)] [AsyncSyscall] internal static partial nint SendFile(int outFd, int inFd, long* offset, nuint count);
    [LibraryImport("libc", EntryPoint = "copy_file_range", SetLastError = true)] [AsyncSyscall] internal static partial nint CopyFileRange(int fdIn, long* offIn, int fdOut, long* offOut, nuint len, uint flags);
    [LibraryImport("libc", EntryPoint = "splice", SetLastError = true)] [AsyncSyscall] internal static partial nint Splice(int fdIn, long* offIn, int fdOut, long* offOut, nuint len, uint flags);
    [LibraryImport("libc", EntryPoint = "ftruncate", SetLastError = true)] [AsyncSyscall] internal static partial int FTruncate(int fd, off_t length);
    [LibraryImport("libc", EntryPoint = "ftruncate", SetLastError = true)] [AsyncSyscall] internal static partial int FTruncateUnsigned(int fd, ulong length);
    [LibraryImport("libc", EntryPoint = "ftruncate", SetLastError = true)] [AsyncSyscall] internal static partial int FTruncateSigned(int fd, long length);
    [LibraryImport("libc", EntryPoint = "lseek", SetLastError = true)] [AsyncSyscall] internal static partial off_t LSeek(int fd, off_t offset, int whence);
    [LibraryImport("libc", EntryPoint = "posix_fallocate", SetLastError = true)] [AsyncSyscall] internal static partial int PosixFallocate(int fd, long offset, long len);
    [LibraryImport("libc", EntryPoint = "posix_fadvise", SetLastError = true)] [AsyncSyscall] internal static partial int PosixFadvise(int fd, long offset, long len, int advice);
    [LibraryImport("libc", EntryPoint = "fcntl", SetLastError = true)] [AsyncSyscall] internal static partial int Fcntl(int fd, int cmd, int arg);
    [LibraryImport("libc", EntryPoint = "epoll_create1", SetLastError = true)] [AsyncSyscall] internal static partial int EpollCreate1(int flags);
    [LibraryImport("libc", EntryPoint = "epoll_ctl", SetLastError = true)] [AsyncSyscall] internal static partial int EpollCtl(int epfd, int op, int fd, EpollEvent* @event);
    [LibraryImport("libc", EntryPoint = "epoll_wait", SetLastError = true)] [AsyncSyscall] internal static partial int EpollWait(int epfd, EpollEvent* events, int maxevents, int timeout);
    [LibraryImport("libc", EntryPoint = "eventfd", SetLastError = true)] [AsyncSyscall] internal static partial int EventFd(uint initval, int flags);
    [LibraryImport("libc", EntryPoint = "eventfd_read", SetLastError = true)] [AsyncSyscall] internal static partial int EventFdRead(int fd, ulong* value);
    [LibraryImport("libc", EntryPoint = "eventfd_write", SetLastError = true)] [AsyncSyscall] internal static partial int EventFdWrite(int fd, ulong value);
    [LibraryImport("libc", EntryPoint = "pipe2", SetLastError = true)] [AsyncSyscall] internal static partial int Pipe2(int* pipefd, int flags);
    [LibraryImport("libc", EntryPoint = "dup", SetLastError = true)] [AsyncSyscall] internal static partial int Dup(int oldfd);
    [LibraryImport("libc", EntryPoint = "dup3", SetLastError = true)] [AsyncSyscall] internal static partial int Dup3(int oldfd, int newfd, int flags);
    [LibraryImport("libc", EntryPoint = "socket", SetLastError = true)] [AsyncSyscall] internal static partial int Socket(int domain, int type, int protocol);
    [LibraryImport("libc", EntryPoint = "bind", SetLastError = true)] [AsyncSyscall] internal static partial int Bind(int sockfd, byte* addr, uint addrlen);
    [LibraryImport("libc", EntryPoint = "getsockname", SetLastError = true)] [AsyncSyscall] internal static partial int GetSockName(int sockfd, byte* addr, uint* addrlen);
    [LibraryImport("libc", EntryPoint = "sendto", SetLastError = true)] [AsyncSyscall] internal static partial nint SendTo(int sockfd, void* buf, nuint len, int flags, byte* destAddr, uint addrlen);
    [LibraryImport("libc", EntryPoint = "recvfrom", SetLastError = true)] [AsyncSyscall] internal static partial nint RecvFrom(int sockfd, void* buf, nuint len, int flags, byte* srcAddr, uint* addrlen);
    [LibraryImport("libc", EntryPoint = "setsockopt", SetLastError = true)] [AsyncSyscall] internal static partial int SetSockOpt(int sockfd, int level, int optname, void* optval, uint optlen);
    [LibraryImport("libc", EntryPoint = "getsockopt", SetLastError = true)] [AsyncSyscall] internal static partial int GetSockOpt(int sockfd, int level, int optname, void* optval, uint* optlen);
    [LibraryImport("libc", EntryPoint = "mkdir", SetLastError = true)] [AsyncSyscall] internal static partial int MkDir(byte* path, uint mode);
    [LibraryImport("libc", EntryPoint = "rmdir", SetLastError = true)] [AsyncSyscall] internal static partial int RmDir(byte* path);
    [LibraryImport("libc", EntryPoint = "unlink", SetLastError = true)] [AsyncSyscall] internal static partial int Unlink(byte* path);
    [LibraryImport("libc", EntryPoint = "rename", SetLastError = true)] [AsyncSyscall] internal static partial int Rename(byte* oldpath, byte* newpath);
    [LibraryImport("libc", EntryPoint = "symlink", SetLastError = true)] [AsyncSyscall] internal static partial int Symlink(byte* target, byte* linkpath);
    [LibraryImport("libc", EntryPoint = "access", SetLastError = true)] [AsyncSyscall] internal static partial int Access(byte* path, int mode);
    [LibraryImport("libc", EntryPoint = "chmod", SetLastError = true)] [AsyncSyscall] internal static partial int Chmod(byte* path, uint mode);
    [LibraryImport("libc", EntryPoint = "truncate", SetLastError = true)] [AsyncSyscall] internal static partial int Truncate(byte* path, long length);
    [LibraryImport("libc", EntryPoint = "getrandom", SetLastError = true)] [AsyncSyscall] internal static partial nint GetRandom(void* buf, nuint buflen, uint flags);
    [LibraryImport("libc", EntryPoint = "getpid")] [AsyncSyscall] internal static partial int GetPid();
    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)] [AsyncSyscall] internal static partial int Kill(int pid, int sig);
    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)] [AsyncSyscall] internal static partial int Close(int fd);
    [LibraryImport("libc", EntryPoint = "open", SetLastError = true)] [AsyncSyscall] internal static partial int Open(byte* path, int flags, uint mode);

    /// <summary>An entry point outside the table (glibc's alias of pread64), marked: the worker treats the buffer as output.</summary>
    [LibraryImport("libc", EntryPoint = "__pread64", SetLastError = true)]
    [AsyncSyscall(Errors = SyscallErrors.MinusOneAndErrno)]
    internal static partial nint MarkedPRead(int fd, [OutputBuffer(nameof(count))] void* buf, nuint count, long offset);

    /// <summary>
    /// splice stated as the ring operation, its offsets by value (-1 for none): the ring's SPLICE, which writes no
    /// offset back. The body, the synchronous form, passes them to libc as the pointers splice takes.
    /// </summary>
    [AsyncSyscall(RingOp.Splice)]
    internal static nint SpliceAt(int fdIn, long offIn, int fdOut, long offOut, nuint len, uint flags) =>
        Splice(fdIn, offIn == -1 ? null : &offIn, fdOut, offOut == -1 ? null : &offOut, len, flags);

    /// <summary>An <c>nint</c> descriptor on the ring: one that does not fit in an int is refused, never truncated to another.</summary>
    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)] [AsyncSyscall] internal static partial int FSyncWide(nint fd);

    /// <summary>
    /// openat with a <c>uint</c> dirfd and mode on the ring: the synchronous call passes their 32 bits and the kernel
    /// reads them as its int (AT_FDCWD is 0xFFFFFF9C here), so the ring must get the same bits.
    /// </summary>
    [LibraryImport("libc", EntryPoint = "openat", SetLastError = true)] [AsyncSyscall] internal static partial int OpenAtUnsigned(uint dirfd, byte* path, int flags, uint mode);

    /// <summary>pread returning -errno: a negative offset is EINVAL, as the synchronous call says, never a read at the file position.</summary>
    [LibraryImport("libc", EntryPoint = "pread", SetLastError = true)]
    [AsyncSyscall(ErrorMode = SyscallErrorMode.ReturnNegativeErrno, MethodName = "PReadOrErrnoAsync")]
    internal static partial nint PReadOrErrno(int fd, byte* buf, nuint count, long offset);

    /// <summary>getrandom with a <c>ushort</c> length on a worker: a longer buffer is filled up to 65,535 bytes, never to its length's low 16 bits.</summary>
    [LibraryImport("libc", EntryPoint = "getrandom", SetLastError = true)] [AsyncSyscall] internal static partial nint GetRandomShort(void* buf, ushort buflen, uint flags);

    /// <summary>bind with a <c>byte</c> address length on a worker: a longer address is refused, never cut to another one.</summary>
    [LibraryImport("libc", EntryPoint = "bind", SetLastError = true)] [AsyncSyscall] internal static partial int BindShort(int sockfd, byte* addr, byte addrlen);

    /// <summary>A SafeHandle descriptor on the worker.</summary>
    [LibraryImport("libc", EntryPoint = "fstat", SetLastError = true)] [AsyncSyscall] internal static partial int FStatHandle(SafeFileHandle fd, StatBuffer* buf);
}
