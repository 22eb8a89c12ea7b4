namespace AsyncSys.Generator.Tests.Corpus;

/// <summary>
/// Wrapper declarations in the shapes public .NET projects use, each with the outcome it must have: the generated
/// signature (types by name, without the ring and the token) and where it runs, or the diagnostic id that refuses it.
/// The shapes follow Tmds.LibC (DllImport, typedef structs), Mono.Posix's Syscall (DllImport to libc and to
/// MonoPosixHelper, arrays, StringBuilder, out structs, enums), the old corefx and today's dotnet/runtime
/// Interop.Sys (LibraryImport to System.Native, SafeHandles, ref byte) and smaller projects (spans, nint fds).
/// The declarations are written for this corpus.
/// </summary>
internal static class WrapperCorpus
{
    private const string Libc = "[DllImport(\"libc\", SetLastError = true)] [AsyncSyscall] public static extern ";
    private const string LibcPartial = "[LibraryImport(\"libc\", SetLastError = true)] [AsyncSyscall] public static partial ";
    private const string Ordinary = "[AsyncSyscall] public static ";

    private static string Dll(string entryPoint) => "[DllImport(\"libc\", EntryPoint = \"" + entryPoint + "\", SetLastError = true)] [AsyncSyscall] public static extern ";

    private static string Lib(string entryPoint) => "[LibraryImport(\"libc\", EntryPoint = \"" + entryPoint + "\", SetLastError = true)] [AsyncSyscall] public static partial ";

    private static string LibUtf8(string entryPoint) => "[LibraryImport(\"libc\", EntryPoint = \"" + entryPoint + "\", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)] [AsyncSyscall] public static partial ";

    private static string Mph(string entryPoint) => "[DllImport(\"MonoPosixHelper\", EntryPoint = \"Mono_Posix_Syscall_" + entryPoint + "\", SetLastError = true)] [AsyncSyscall] public static extern ";

    private static string SystemNative(string entryPoint) => "[LibraryImport(\"libSystem.Native\", EntryPoint = \"SystemNative_" + entryPoint + "\", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)] [AsyncSyscall] internal static partial ";

    /// <summary>Types the declarations use, as the projects declare them.</summary>
    public const string Prelude = """
        using System;
        using System.IO;
        using System.Runtime.InteropServices;
        using System.Text;
        using AsyncSys;
        using Microsoft.Win32.SafeHandles;

        namespace Corpus
        {
            // Tmds.LibC-style typedefs: one private integer field each.
            public struct ssize_t { private long __value; }
            public struct size_t { private ulong __value; }
            public struct off_t { private long __value; }
            public struct mode_t { private uint __value; }
            public struct socklen_t { private uint __value; }

            [StructLayout(LayoutKind.Sequential)] public unsafe struct Stat { public fixed byte Bytes[144]; }
            [StructLayout(LayoutKind.Sequential)] public struct PollFd { public int Fd; public short Events; public short Revents; }
            [StructLayout(LayoutKind.Sequential, Pack = 4)] public struct EpollEvent { public uint Events; public ulong Data; }
            [StructLayout(LayoutKind.Sequential)] public unsafe struct Iovec { public void* Base; public nuint Length; }
            [StructLayout(LayoutKind.Sequential)] public unsafe struct sockaddr { public ushort Family; public fixed byte Data[14]; }
            [StructLayout(LayoutKind.Sequential)] public struct Timespec { public long Seconds; public long Nanoseconds; }
            [StructLayout(LayoutKind.Sequential)] public struct Winsize { public ushort Rows; public ushort Columns; public ushort X; public ushort Y; }
            [StructLayout(LayoutKind.Sequential)] public struct FileStatus { public int Flags; public long Size; }
            public enum SeekFlags : short { SEEK_SET = 0, SEEK_CUR = 1, SEEK_END = 2 }
            [Flags] public enum OpenFlags { O_RDONLY = 0, O_WRONLY = 1, O_RDWR = 2, O_CREAT = 0x40 }
            [Flags] public enum FilePermissions : uint { S_IRUSR = 0x100, S_IWUSR = 0x80 }
            public enum Signum { SIGTERM = 15 }
            public enum PosixError { None = 0, EBADF = 9 }
            [Flags] public enum XattrFlags { XATTR_AUTO = 0, XATTR_CREATE = 1 }
        }
        """;

    /// <summary>(declaration, expected): "ring Op: signature", "worker: signature", or a diagnostic id.</summary>
    public static readonly (string Declaration, string Expected)[] Entries =
    {
        // Tmds.LibC: DllImport, void* buffers, typedef structs.
        (Libc + "ssize_t read(int fd, void* buf, size_t count);", "ring Read: ValueTask<ssize_t> readAsync(int fd, Memory<byte> buf)"),
        (Libc + "ssize_t write(int fd, void* buf, size_t count);", "ring Write: ValueTask<ssize_t> writeAsync(int fd, ReadOnlyMemory<byte> buf)"),
        (Libc + "ssize_t pread(int fd, void* buf, size_t count, off_t offset);", "ring Read: ValueTask<ssize_t> preadAsync(int fd, Memory<byte> buf, off_t offset)"),
        (Libc + "ssize_t pwrite(int fd, void* buf, size_t count, off_t offset);", "ring Write: ValueTask<ssize_t> pwriteAsync(int fd, ReadOnlyMemory<byte> buf, off_t offset)"),
        (Libc + "int close(int fd);", "ring Close: ValueTask<int> closeAsync(int fd)"),
        (Libc + "int fsync(int fd);", "ring Fsync: ValueTask<int> fsyncAsync(int fd)"),
        (Libc + "int fdatasync(int fd);", "ring Fdatasync: ValueTask<int> fdatasyncAsync(int fd)"),
        (Libc + "int open(byte* pathname, int flags, mode_t mode);", "ring OpenAt: ValueTask<int> openAsync(string pathname, int flags, mode_t mode)"),
        (Libc + "int openat(int dirfd, byte* pathname, int flags, mode_t mode);", "ring OpenAt: ValueTask<int> openatAsync(int dirfd, string pathname, int flags, mode_t mode)"),
        (Libc + "off_t lseek(int fd, off_t offset, int whence);", "worker: ValueTask<off_t> lseekAsync(int fd, off_t offset, int whence)"),
        (Libc + "int ftruncate(int fd, off_t length);", "ring Ftruncate: ValueTask<int> ftruncateAsync(int fd, off_t length)"),
        (Libc + "int fallocate(int fd, int mode, off_t offset, off_t len);", "ring Fallocate: ValueTask<int> fallocateAsync(int fd, int mode, off_t offset, off_t len)"),
        (Libc + "int posix_fallocate(int fd, off_t offset, off_t len);", "worker: ValueTask<int> posix_fallocateAsync(int fd, off_t offset, off_t len)"),
        (Libc + "int posix_fadvise(int fd, off_t offset, off_t len, int advice);", "ring Fadvise: ValueTask<int> posix_fadviseAsync(int fd, off_t offset, off_t len, int advice)"),
        (Libc + "int stat(byte* pathname, Stat* statbuf);", "worker: ValueTask<Stat> statAsync(string pathname)"),
        (Libc + "int fstat(int fd, Stat* statbuf);", "worker: ValueTask<Stat> fstatAsync(int fd)"),
        (Libc + "int lstat(byte* pathname, Stat* statbuf);", "worker: ValueTask<Stat> lstatAsync(string pathname)"),
        (Libc + "int fstatat(int dirfd, byte* pathname, Stat* statbuf, int flags);", "worker: ValueTask<Stat> fstatatAsync(int dirfd, string pathname, int flags)"),
        (Libc + "ssize_t readlink(byte* pathname, byte* buf, size_t bufsiz);", "worker: ValueTask<ssize_t> readlinkAsync(string pathname, Memory<byte> buf)"),
        (Libc + "ssize_t readlinkat(int dirfd, byte* pathname, byte* buf, size_t bufsiz);", "worker: ValueTask<ssize_t> readlinkatAsync(int dirfd, string pathname, Memory<byte> buf)"),
        (Libc + "int gethostname(byte* name, size_t len);", "worker: ValueTask<int> gethostnameAsync(Memory<byte> name)"),
        (Libc + "byte* getcwd(byte* buf, size_t size);", "ASYS0004"),
        (Dll("getcwd") + "nint GetCurrentDirectory(byte* buf, size_t size);", "worker: ValueTask<nint> GetCurrentDirectoryAsync(Memory<byte> buf)"),
        (Libc + "ssize_t getxattr(byte* path, byte* name, void* value, size_t size);", "worker: ValueTask<ssize_t> getxattrAsync(string path, string name, Memory<byte> value)"),
        (Libc + "int setxattr(byte* path, byte* name, void* value, size_t size, int flags);", "worker: ValueTask<int> setxattrAsync(string path, string name, ReadOnlyMemory<byte> value, int flags)"),
        (Libc + "ssize_t fgetxattr(int fd, byte* name, void* value, size_t size);", "worker: ValueTask<ssize_t> fgetxattrAsync(int fd, string name, Memory<byte> value)"),
        (Libc + "int fsetxattr(int fd, byte* name, void* value, size_t size, int flags);", "worker: ValueTask<int> fsetxattrAsync(int fd, string name, ReadOnlyMemory<byte> value, int flags)"),
        (Libc + "ssize_t listxattr(byte* path, byte* list, size_t size);", "worker: ValueTask<ssize_t> listxattrAsync(string path, Memory<byte> list)"),
        (Libc + "ssize_t flistxattr(int fd, byte* list, size_t size);", "worker: ValueTask<ssize_t> flistxattrAsync(int fd, Memory<byte> list)"),
        (Libc + "int removexattr(byte* path, byte* name);", "worker: ValueTask<int> removexattrAsync(string path, string name)"),
        (Libc + "ssize_t getdents64(int fd, void* dirp, size_t count);", "worker: ValueTask<ssize_t> getdents64Async(int fd, Memory<byte> dirp)"),
        (Libc + "ssize_t sendfile(int out_fd, int in_fd, off_t* offset, size_t count);", "worker: ValueTask<sendfileResult> sendfileAsync(int out_fd, int in_fd, off_t? offset, size_t count)"),
        (Libc + "ssize_t copy_file_range(int fd_in, off_t* off_in, int fd_out, off_t* off_out, size_t len, uint flags);", "worker: ValueTask<copy_file_rangeResult> copy_file_rangeAsync(int fd_in, off_t? off_in, int fd_out, off_t? off_out, size_t len, uint flags)"),
        (Libc + "int fcntl(int fd, int cmd, int arg);", "worker: ValueTask<int> fcntlAsync(int fd, int cmd, int arg)"),
        (Libc + "int ioctl(int fd, ulong request, void* arg);", "ASYS0013"),
        (Libc + "int ioctl(int fd, ulong request, [OutputValue] Winsize* arg);", "worker: ValueTask<ioctlResult> ioctlAsync(int fd, ulong request)"),
        (Libc + "int flock(int fd, int operation);", "worker: ValueTask<int> flockAsync(int fd, int operation)"),
        (Libc + "int epoll_wait(int epfd, EpollEvent* events, int maxevents, int timeout);", "worker: ValueTask<int> epoll_waitAsync(int epfd, Memory<EpollEvent> events, int timeout)"),
        (Libc + "int epoll_ctl(int epfd, int op, int fd, EpollEvent* @event);", "worker: ValueTask<int> epoll_ctlAsync(int epfd, int op, int fd, EpollEvent @event)"),
        (Libc + "int epoll_create1(int flags);", "worker: ValueTask<int> epoll_create1Async(int flags)"),
        (Libc + "int pipe2(int* pipefd, int flags);", "worker: ValueTask<pipe2Result> pipe2Async(int flags)"),
        (Libc + "int pipe(int* pipefd);", "worker: ValueTask<pipeResult> pipeAsync()"),
        (Libc + "int dup(int oldfd);", "worker: ValueTask<int> dupAsync(int oldfd)"),
        (Libc + "int dup2(int oldfd, int newfd);", "worker: ValueTask<int> dup2Async(int oldfd, int newfd)"),
        (Libc + "int dup3(int oldfd, int newfd, int flags);", "worker: ValueTask<int> dup3Async(int oldfd, int newfd, int flags)"),
        (Libc + "ssize_t sendto(int sockfd, void* buf, size_t len, int flags, sockaddr* dest_addr, socklen_t addrlen);", "worker: ValueTask<ssize_t> sendtoAsync(int sockfd, ReadOnlyMemory<byte> buf, int flags, ReadOnlyMemory<byte> dest_addr)"),
        (Libc + "ssize_t recvfrom(int sockfd, void* buf, size_t len, int flags, sockaddr* src_addr, socklen_t* addrlen);", "worker: ValueTask<recvfromResult> recvfromAsync(int sockfd, Memory<byte> buf, int flags, Memory<byte> src_addr)"),
        (Libc + "int accept4(int sockfd, sockaddr* addr, socklen_t* addrlen, int flags);", "ring Accept: ValueTask<int> accept4Async(int sockfd, nint addr, nint addrlen, int flags)"),
        (Libc + "int accept(int sockfd, sockaddr* addr, socklen_t* addrlen);", "ring Accept: ValueTask<int> acceptAsync(int sockfd, nint addr, nint addrlen)"),
        (Libc + "int connect(int sockfd, sockaddr* addr, socklen_t addrlen);", "ring Connect: ValueTask<int> connectAsync(int sockfd, ReadOnlyMemory<byte> addr)"),
        (Libc + "int bind(int sockfd, sockaddr* addr, socklen_t addrlen);", "worker: ValueTask<int> bindAsync(int sockfd, ReadOnlyMemory<byte> addr)"),
        (Libc + "int listen(int sockfd, int backlog);", "worker: ValueTask<int> listenAsync(int sockfd, int backlog)"),
        (Libc + "int socket(int domain, int type, int protocol);", "worker: ValueTask<int> socketAsync(int domain, int type, int protocol)"),
        (Libc + "ssize_t send(int sockfd, void* buf, size_t len, int flags);", "ring Send: ValueTask<ssize_t> sendAsync(int sockfd, ReadOnlyMemory<byte> buf, int flags)"),
        (Libc + "ssize_t recv(int sockfd, void* buf, size_t len, int flags);", "ring Recv: ValueTask<ssize_t> recvAsync(int sockfd, Memory<byte> buf, int flags)"),
        (Libc + "int shutdown(int sockfd, int how);", "ring Shutdown: ValueTask<int> shutdownAsync(int sockfd, int how)"),
        (Libc + "int getsockopt(int sockfd, int level, int optname, void* optval, socklen_t* optlen);", "worker: ValueTask<socklen_t> getsockoptAsync(int sockfd, int level, int optname, Memory<byte> optval)"),
        (Libc + "int setsockopt(int sockfd, int level, int optname, void* optval, socklen_t optlen);", "worker: ValueTask<int> setsockoptAsync(int sockfd, int level, int optname, ReadOnlyMemory<byte> optval)"),
        (Libc + "int getsockname(int sockfd, sockaddr* addr, socklen_t* addrlen);", "worker: ValueTask<socklen_t> getsocknameAsync(int sockfd, Memory<byte> addr)"),
        // Every pollfd, nfds (the memory's length) and the timeout: the ring's one-descriptor poll only with RingOp.Poll.
        (Libc + "int poll(PollFd* fds, nuint nfds, int timeout);", "worker: ValueTask<int> pollAsync(Memory<PollFd> fds, int timeout)"),
        (Libc + "int mkdir(byte* pathname, mode_t mode);", "worker: ValueTask<int> mkdirAsync(string pathname, mode_t mode)"),
        (Libc + "int rmdir(byte* pathname);", "worker: ValueTask<int> rmdirAsync(string pathname)"),
        (Libc + "int unlink(byte* pathname);", "worker: ValueTask<int> unlinkAsync(string pathname)"),
        (Libc + "int rename(byte* oldpath, byte* newpath);", "worker: ValueTask<int> renameAsync(string oldpath, string newpath)"),
        (Libc + "int renameat(int olddirfd, byte* oldpath, int newdirfd, byte* newpath);", "ring RenameAt: ValueTask<int> renameatAsync(int olddirfd, string oldpath, int newdirfd, string newpath)"),
        (Libc + "int unlinkat(int dirfd, byte* pathname, int flags);", "ring UnlinkAt: ValueTask<int> unlinkatAsync(int dirfd, string pathname, int flags)"),
        (Libc + "int mkdirat(int dirfd, byte* pathname, mode_t mode);", "ring MkdirAt: ValueTask<int> mkdiratAsync(int dirfd, string pathname, mode_t mode)"),
        (Libc + "int symlink(byte* target, byte* linkpath);", "worker: ValueTask<int> symlinkAsync(string target, string linkpath)"),
        (Libc + "int link(byte* oldpath, byte* newpath);", "worker: ValueTask<int> linkAsync(string oldpath, string newpath)"),
        (Libc + "int chmod(byte* pathname, mode_t mode);", "worker: ValueTask<int> chmodAsync(string pathname, mode_t mode)"),
        (Libc + "int fchmod(int fd, mode_t mode);", "worker: ValueTask<int> fchmodAsync(int fd, mode_t mode)"),
        (Libc + "int access(byte* pathname, int mode);", "worker: ValueTask<int> accessAsync(string pathname, int mode)"),
        (Libc + "int chdir(byte* path);", "worker: ValueTask<int> chdirAsync(string path)"),
        (Libc + "int statx(int dirfd, byte* pathname, int flags, uint mask, AsyncSys.Statx* statxbuf);", "ring Statx: ValueTask<int> statxAsync(int dirfd, string pathname, int flags, uint mask, Memory<byte> statxbuf)"),
        (Libc + "ssize_t readv(int fd, Iovec* iov, int iovcnt);", "ring ReadV: ValueTask<ssize_t> readvAsync(int fd, IReadOnlyList<Memory<byte>> iov)"),
        (Libc + "ssize_t writev(int fd, Iovec* iov, int iovcnt);", "ring WriteV: ValueTask<ssize_t> writevAsync(int fd, IReadOnlyList<ReadOnlyMemory<byte>> iov)"),
        (Libc + "ssize_t preadv(int fd, Iovec* iov, int iovcnt, off_t offset);", "ring ReadV: ValueTask<ssize_t> preadvAsync(int fd, IReadOnlyList<Memory<byte>> iov, off_t offset)"),
        (Libc + "ssize_t pwritev2(int fd, Iovec* iov, int iovcnt, off_t offset, int flags);", "ring WriteV: ValueTask<ssize_t> pwritev2Async(int fd, IReadOnlyList<ReadOnlyMemory<byte>> iov, off_t offset, int flags)"),
        (Libc + "ssize_t splice(int fd_in, long* off_in, int fd_out, long* off_out, size_t len, uint flags);", "worker: ValueTask<spliceResult> spliceAsync(int fd_in, long? off_in, int fd_out, long? off_out, size_t len, uint flags)"),
        (Libc + "int sync_file_range(int fd, off_t offset, off_t nbytes, uint flags);", "ring SyncFileRange: ValueTask<int> sync_file_rangeAsync(int fd, off_t offset, off_t nbytes, uint flags)"),
        (Libc + "int eventfd(uint initval, int flags);", "worker: ValueTask<int> eventfdAsync(uint initval, int flags)"),
        (Libc + "int eventfd_read(int fd, ulong* value);", "worker: ValueTask<ulong> eventfd_readAsync(int fd)"),
        (Libc + "int eventfd_write(int fd, ulong value);", "worker: ValueTask<int> eventfd_writeAsync(int fd, ulong value)"),
        (Libc + "int waitpid(int pid, int* wstatus, int options);", "worker: ValueTask<waitpidResult> waitpidAsync(int pid, int options)"),
        (Libc + "int kill(int pid, int sig);", "worker: ValueTask<int> killAsync(int pid, int sig)"),
        (Libc + "ssize_t getrandom(void* buf, size_t buflen, uint flags);", "worker: ValueTask<ssize_t> getrandomAsync(Memory<byte> buf, uint flags)"),
        (Libc + "int socketpair(int domain, int type, int protocol, int* sv);", "worker: ValueTask<socketpairResult> socketpairAsync(int domain, int type, int protocol)"),
        (Libc + "int truncate(byte* path, off_t length);", "worker: ValueTask<int> truncateAsync(string path, off_t length)"),
        (Libc + "int inotify_add_watch(int fd, byte* pathname, uint mask);", "worker: ValueTask<int> inotify_add_watchAsync(int fd, string pathname, uint mask)"),
        (Libc + "int utimensat(int dirfd, byte* path, Timespec* times, int flags);", "ASYS0013 ASYS0014"),
        (Libc + "int nanosleep(Timespec* req, Timespec* rem);", "ASYS0013 ASYS0014"),
        (Libc + "int getpid();", "worker: ValueTask<int> getpidAsync()"),
        (Libc + "void sync();", "worker: ValueTask syncAsync()"),

        // Mono.Posix Syscall: MonoPosixHelper shims (unknown entry points), libc directly, arrays, StringBuilder, enums.
        (Mph("read") + "long read(int fd, void* buf, ulong count);", "ASYS0013 ASYS0014"),
        (Mph("pread") + "long pread(int fd, [OutputBuffer(nameof(count))] void* buf, ulong count, long offset);", "ASYS0014"),
        (Mph("pwrite") + "long pwrite(int fd, [InputBuffer(nameof(count))] void* buf, ulong count, long offset);", "ASYS0014"),
        (Mph("fstat") + "int fstat(int filedes, out Stat buf);", "ASYS0014"),
        (Mph("lseek") + "long lseek(int fd, long offset, SeekFlags whence);", "ASYS0014"),
        (Mph("open_mode") + "int open(string pathname, OpenFlags flags, FilePermissions mode);", "ASYS0014"),
        (Mph("readlink") + "int readlink(string path, [Out] StringBuilder buf, ulong bufsiz);", "ASYS0014"),
        (Mph("getxattr") + "long getxattr(string path, string name, byte[] value, ulong size);", "ASYS0014"),
        (Mph("setxattr") + "int setxattr(string path, string name, byte[] value, ulong size, XattrFlags flags);", "ASYS0014"),
        (Mph("sendfile") + "long sendfile(int out_fd, int in_fd, ref long offset, ulong count);", "ASYS0005 ASYS0014"),
        (Mph("kill") + "int kill(int pid, Signum sig);", "ASYS0014"),
        (Mph("fstat_ref") + "int fstat(int filedes, ref Stat buf);", "ASYS0005 ASYS0014"),
        (Mph("gethostname") + "int gethostname([Out] byte[] name, ulong len);", "ASYS0014"),
        (Libc + "int close(int fd);", "ring Close: ValueTask<int> closeAsync(int fd)"),
        (Libc + "int fsync(int fd);", "ring Fsync: ValueTask<int> fsyncAsync(int fd)"),
        (Dll("gethostname") + "int sys_gethostname(byte[] name, ulong len);", "worker: ValueTask<int> sys_gethostnameAsync(byte[] name, ulong len)"),
        (Dll("pipe") + "int sys_pipe(int[] filedes);", "worker: ValueTask<sys_pipeResult> sys_pipeAsync()"),
        (Ordinary + "int pipe(out int reading, out int writing) { reading = writing = 0; return 0; }", "worker: ValueTask<pipeResult> pipeAsync()"),
        (Libc + "int unlink(string pathname);", "worker: ValueTask<int> unlinkAsync(string pathname)"),
        (Libc + "int rename(string oldpath, string newpath);", "worker: ValueTask<int> renameAsync(string oldpath, string newpath)"),
        (Libc + "long sendfile(int out_fd, int in_fd, ref long offset, ulong count);", "worker: ValueTask<sendfileResult> sendfileAsync(int out_fd, int in_fd, long offset, ulong count)"),
        (Libc + "long read(int fd, byte[] buf, ulong count);", "ring Read: ValueTask<long> readAsync(int fd, byte[] buf, ulong count)"),
        (Libc + "long write(int fd, byte[] buf, ulong count);", "ring Write: ValueTask<long> writeAsync(int fd, byte[] buf, ulong count)"),
        (Libc + "int mkdir(string pathname, FilePermissions mode);", "worker: ValueTask<int> mkdirAsync(string pathname, FilePermissions mode)"),
        (Libc + "int chown(string path, uint owner, uint group);", "worker: ValueTask<int> chownAsync(string path, uint owner, uint group)"),

        // dotnet/runtime Interop.Sys: LibraryImport to System.Native (entry points outside the table).
        (SystemNative("Read") + "int Read(SafeHandle fd, byte* buffer, int count);", "ASYS0013 ASYS0014"),
        (SystemNative("Read") + "int Read(SafeHandle fd, [OutputBuffer(nameof(count))] byte* buffer, int count);", "ASYS0014"),
        (SystemNative("Write") + "int Write(SafeHandle fd, [InputBuffer(nameof(bufferSize))] byte* buffer, int bufferSize);", "ASYS0014"),
        (SystemNative("PRead") + "int PRead(SafeHandle fd, byte* buffer, int bufferSize, long fileOffset);", "ASYS0013 ASYS0014"),
        (SystemNative("FSync") + "int FSync(SafeFileHandle fd);", "ASYS0014"),
        (SystemNative("Stat") + "int Stat(string path, out FileStatus output);", "ASYS0014"),
        (SystemNative("LSeek") + "long LSeek(SafeFileHandle fd, long offset, SeekFlags whence);", "ASYS0014"),
        // A SafeHandle result wraps the -1 of a failure: outside the table, its convention must be stated.
        (SystemNative("Open") + "SafeFileHandle Open(string filename, OpenFlags flags, int mode);", "ASYS0014"),
        ("[LibraryImport(\"libSystem.Native\", EntryPoint = \"SystemNative_Open\", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)] [AsyncSyscall(Errors = SyscallErrors.MinusOneAndErrno)] internal static partial SafeFileHandle Open(string filename, OpenFlags flags, int mode);", "worker: ValueTask<SafeFileHandle> OpenAsync(string filename, OpenFlags flags, int mode)"),
        (SystemNative("ReadLink") + "int ReadLink(string path, ref byte buffer, int bufferSize);", "ASYS0005 ASYS0014"),
        (SystemNative("GetCwd") + "byte* GetCwd(byte* buffer, int size);", "ASYS0004"),
        (SystemNative("Unlink") + "int Unlink(string pathname);", "ASYS0014"),
        (SystemNative("FTruncate") + "int FTruncate(SafeFileHandle fd, long length);", "ASYS0014"),
        (SystemNative("GetHostName") + "int GetHostName([InputPath] byte* name, int nameLength);", "ASYS0014"),

        // The old corefx Interop.libc: DllImport to libc with int counts.
        (Libc + "int read(int fd, byte* buf, int count);", "ring Read: ValueTask<int> readAsync(int fd, Memory<byte> buf)"),
        (Libc + "int write(int fd, byte* buf, int count);", "ring Write: ValueTask<int> writeAsync(int fd, ReadOnlyMemory<byte> buf)"),
        (Libc + "int fstat(int fd, out Stat buf);", "worker: ValueTask<Stat> fstatAsync(int fd)"),
        (Libc + "int open(string pathname, int flags, int mode);", "ring OpenAt: ValueTask<int> openAsync(string pathname, int flags, int mode)"),
        (Libc + "long lseek64(int fd, long offset, int whence);", "worker: ValueTask<long> lseek64Async(int fd, long offset, int whence)"),
        (Libc + "IntPtr getcwd(byte[] buf, nuint size);", "worker: ValueTask<nint> getcwdAsync(byte[] buf, nuint size)"),
        (Libc + "int posix_fadvise(int fd, long offset, long len, int advice);", "ring Fadvise: ValueTask<int> posix_fadviseAsync(int fd, long offset, long len, int advice)"),
        (Libc + "int posix_fallocate(SafeFileHandle fd, long offset, long len);", "worker: ValueTask<int> posix_fallocateAsync(SafeFileHandle fd, long offset, long len)"),
        (Libc + "int ftruncate64(int fd, long length);", "ring Ftruncate: ValueTask<int> ftruncate64Async(int fd, long length)"),

        // Smaller projects: LibraryImport with spans, nint descriptors, SafeHandles, arrays, ordinary methods.
        (Lib("read") + "nint Read(nint fd, Span<byte> buffer, nuint count);", "ring Read: ValueTask<nint> ReadAsync(nint fd, Memory<byte> buffer)"),
        (Lib("write") + "nint Write(SafeHandle fd, ReadOnlySpan<byte> buffer, nuint count);", "ring Write: ValueTask<nint> WriteAsync(SafeHandle fd, ReadOnlyMemory<byte> buffer)"),
        (Lib("pwrite") + "nint PWrite(int fd, ReadOnlySpan<byte> buffer, long offset);", "ring Write: ValueTask<nint> PWriteAsync(int fd, ReadOnlyMemory<byte> buffer, long offset)"),
        (Lib("pread") + "nint PRead(IntPtr fd, byte* buffer, nuint count, long offset);", "ring Read: ValueTask<nint> PReadAsync(nint fd, Memory<byte> buffer, long offset)"),
        (Lib("gethostname") + "int GetHostName(Span<byte> name, nuint len);", "worker: ValueTask<int> GetHostNameAsync(Memory<byte> name)"),
        (LibUtf8("readlink") + "nint ReadLink(string path, Span<byte> buf, nuint size);", "worker: ValueTask<nint> ReadLinkAsync(string path, Memory<byte> buf)"),
        (Lib("flock") + "int Flock(SafeHandle fd, int operation);", "worker: ValueTask<int> FlockAsync(SafeHandle fd, int operation)"),
        (Lib("send") + "int Send(int fd, byte[] buffer, nuint length, int flags);", "ring Send: ValueTask<int> SendAsync(int fd, byte[] buffer, nuint length, int flags)"),
        ("[AsyncSyscall(RingOp.Recv)] public static int Recv(int fd, ArraySegment<byte> buffer, int flags) => 0;", "ring Recv: ValueTask<int> RecvAsync(int fd, ArraySegment<byte> buffer, int flags)"),
        ("[AsyncSyscall(RingOp.Read)] public static nint Read(int fd, Memory<byte> buffer) => 0;", "ring Read: ValueTask<nint> ReadAsync(int fd, Memory<byte> buffer)"),
        (Lib("ioctl") + "int Ioctl(int fd, nuint request, nint arg);", "worker: ValueTask<int> IoctlAsync(int fd, nuint request, nint arg)"),
        (Lib("fcntl") + "int Fcntl(int fd, int cmd, int arg);", "worker: ValueTask<int> FcntlAsync(int fd, int cmd, int arg)"),
        (Lib("fcntl") + "int Fcntl(int fd, int cmd);", "worker: ValueTask<int> FcntlAsync(int fd, int cmd)"),
        (Ordinary + "int Flock(int fd, int operation = 2) => 0;", "worker: ValueTask<int> FlockAsync(int fd, int operation = 2)"),
        (Ordinary + "int Fstat(int fd, Stat* buf) => 0;", "worker: ValueTask<Stat> FstatAsync(int fd)"),
        (Ordinary + "int GetRandom(void* buf, nuint len, uint flags) => 0;", "worker: ValueTask<int> GetRandomAsync(Memory<byte> buf, uint flags)"),
        (Ordinary + "int Accept(SafeHandle socket, Span<byte> address, int flags) => 0;", "worker: ValueTask<int> AcceptAsync(SafeHandle socket, Memory<byte> address, int flags)"),
        (Lib("accept4") + "int Accept4(SafeHandle socket, byte* address, int* addressLength, int flags);", "ring Accept: ValueTask<int> Accept4Async(SafeHandle socket, nint address, nint addressLength, int flags)"),
        (Lib("connect") + "int Connect(SafeHandle socket, byte* address, int addressLength);", "ring Connect: ValueTask<int> ConnectAsync(SafeHandle socket, ReadOnlyMemory<byte> address)"),
        (Lib("fsetxattr") + "int FSetXattr(SafeHandle fd, string name, ReadOnlySpan<byte> value, nuint size, int flags);", "worker: ValueTask<int> FSetXattrAsync(SafeHandle fd, string name, ReadOnlyMemory<byte> value, int flags)"),
        (Lib("epoll_wait") + "int EpollWait(int epfd, Span<EpollEvent> events, int maxevents, int timeout);", "worker: ValueTask<int> EpollWaitAsync(int epfd, Memory<EpollEvent> events, int timeout)"),
        (Lib("my_stat") + "int MyStat(int fd, [OutputValue] Stat* st);", "ASYS0014"),
        (Lib("my_open") + "int MyOpen([InputPath] byte* name, int flags);", "ASYS0014"),
        (Lib("my_write") + "int MyWrite(int fd, [In, MarshalAs(UnmanagedType.LPArray, SizeParamIndex = 2)] byte* data, nuint length);", "ASYS0014"),
        (Lib("my_read") + "int MyRead(int fd, [OutputBuffer(\"nope\")] byte* data, nuint length);", "ASYS0005 ASYS0014"),
        (Lib("my_blob") + "int MyBlob(int fd, nint data, nuint length);", "ASYS0014"),
        (Ordinary + "int Generic<T>(int fd) => 0;", "ASYS0003"),
        ("[LibraryImport(\"libc\", EntryPoint = \"my_pread\", SetLastError = true)] [AsyncSyscall(RingOp.Read)] public static partial long ReadAt(int fd, byte* buffer, nuint count, long offset);", "ring Read: ValueTask<long> ReadAtAsync(int fd, Memory<byte> buffer, long offset)"),
        // RingOp.Ftruncate, the last value of the enum, was once refused silently (a "last value" check stopped at Timeout).
        ("[LibraryImport(\"libc\", EntryPoint = \"ftruncate\", SetLastError = true)] [AsyncSyscall(RingOp.Ftruncate)] public static partial int Truncate(SafeFileHandle fd, long length);", "ring Ftruncate: ValueTask<int> TruncateAsync(SafeFileHandle fd, long length)"),
        ("[AsyncSyscall((RingOp)99)] public static int Flock(int fd, int operation) => 0;", "ASYS0006"),
        ("[LibraryImport(\"libc\", EntryPoint = \"sendto\", SetLastError = true)] [AsyncSyscall(RingOp.Send)] public static partial nint SendTo(int fd, byte* buf, nuint len, int flags, byte* addr, uint addrlen);", "ASYS0006"),
        // accept's length is value-result: on the ring only a socklen_t* the caller keeps can take what the kernel writes.
        ("[LibraryImport(\"libc\", EntryPoint = \"accept4\", SetLastError = true)] [AsyncSyscall(RingOp.Accept)] public static partial int Accept4(int fd, byte* addr, ref uint addrlen, int flags);", "ASYS0006"),
        ("[LibraryImport(\"libc\", EntryPoint = \"accept\", SetLastError = true)] [AsyncSyscall(RingOp.Accept)] public static partial int Accept(int fd, byte[] addr, ref int addrlen);", "ASYS0006"),
        ("[LibraryImport(\"libc\", SetLastError = true)] [AsyncSyscall(ErrorMode = SyscallErrorMode.ReturnNegativeErrno)] public static partial int posix_fallocate(int fd, long offset, long len);", "worker: ValueTask<int> posix_fallocateAsync(int fd, long offset, long len)"),
        ("[LibraryImport(\"libc\", SetLastError = true)] [AsyncSyscall(ErrorMode = SyscallErrorMode.ReturnNegativeErrno)] public static partial uint my_count(int fd);", "ASYS0014 ASYS0011"),
        // System.Native's enum results: the worker converts them explicitly (CS0266 otherwise); the convention is stated or warned about.
        (SystemNative("SendFile") + "PosixError SendFile(SafeHandle out_fd, SafeHandle in_fd, long offset, long count, out long sent);", "ASYS0014"),
        ("[LibraryImport(\"libSystem.Native\", EntryPoint = \"SystemNative_PosixFAdvise\")] [AsyncSyscall(Errors = SyscallErrors.ReturnsErrorNumber)] internal static partial PosixError PosixFAdvise(SafeHandle fd, long offset, long length, int advice);", "worker: ValueTask<PosixError> PosixFAdviseAsync(SafeHandle fd, long offset, long length, int advice)"),
        // glibc's LFS aliases are in the table, with their base calls' conventions.
        ("[LibraryImport(\"libc\", SetLastError = true)] [AsyncSyscall] public static partial int posix_fallocate64(int fd, long offset, long len);", "worker: ValueTask<int> posix_fallocate64Async(int fd, long offset, long len)"),
        ("[LibraryImport(\"libc\", SetLastError = true)] [AsyncSyscall] public static partial int posix_fadvise64(int fd, long offset, long len, int advice);", "ring Fadvise: ValueTask<int> posix_fadvise64Async(int fd, long offset, long len, int advice)"),
        ("[AsyncSyscall(CancelHook = \"Nope\")] public static int Flock(int fd, int operation) => 0;", "ASYS0007"),
        ("[AsyncSyscall(MethodName = \"1bad\")] public static int Flock(int fd, int operation) => 0;", "ASYS0009"),
        ("[LibraryImport(\"libc\", SetLastError = true)] [AsyncSyscall(CancelHook = nameof(Hook))] public static partial int fsync(int fd); private static void Hook(BlockingCallInfo call) { }", "ring Fsync: ValueTask<int> fsyncAsync(int fd) (warning ASYS0010)"),
        ("[LibraryImport(\"libc\", SetLastError = true)] [AsyncSyscall] public static partial int flock(ref int fd, int operation);", "ASYS0005"),
        ("[LibraryImport(\"libc\", SetLastError = true)] [AsyncSyscall] public static partial int fsync(int* fd);", "ASYS0005"),
        ("[LibraryImport(\"libc\", SetLastError = true)] [AsyncSyscall] public static partial int flock(int fd, int operation); public static int flockAsync;", "ASYS0008"),
        ("[AsyncSyscall(RingOp.Fsync)] public static int Fsync(int fd) => 0; [AsyncSyscall(RingOp.Fsync)] public static int fsync(int fd) => 0;", "ring Fsync: ValueTask<int> FsyncAsync(int fd)"),
        (Ordinary + "int Unlink(string path) => 0;", "worker: ValueTask<int> UnlinkAsync(string path)"),
        // An ordinary method named like a ring call does not choose the ring (its body would never run): it says which.
        (Ordinary + "int Write(int fd, byte[] payload) => 0;", "ASYS0015"),
        (Ordinary + "int Open(string path, FileAccess access) => 0;", "ASYS0015"),
        ("[AsyncSyscall(RingOp.None)] public static int Write(int fd, byte[] payload) => 0;", "worker: ValueTask<int> WriteAsync(int fd, byte[] payload)"),
        // Varargs cannot be forwarded; a SafeHandle result of a call outside the table needs its convention.
        ("[DllImport(\"libc\", SetLastError = true)] [AsyncSyscall] public static extern int fcntl(int fd, int cmd, __arglist);", "ASYS0001"),
        ("[DllImport(\"libc\", SetLastError = true)] [AsyncSyscall] public static extern SafeFileHandle memfd_create(string name, uint flags);", "ASYS0014"),
        ("#nullable disable\n" + Ordinary + "int Unlink(string path) => 0;\n#nullable restore", "worker: ValueTask<int> UnlinkAsync(string path)"),
        (Ordinary + "int Lookup(string? name, int flags = 0) => 0;", "ASYS0014"),
        (Ordinary + "int Stats(int fd, out long size, out long blocks) { size = blocks = 0; return 0; }", "ASYS0014"),
        // params arrays stay params in the overload without a token (the token overloads take the array).
        (Ordinary + "int Fcntl(int fd, int cmd, params int[] args) => 0;", "worker: ValueTask<int> FcntlAsync(int fd, int cmd, int[] args) | params: ValueTask<int> FcntlAsync(int fd, int cmd, params int[] args)"),
        (Ordinary + "int Ioctl(int fd, ulong request = 0x5401, params long[] args) => 0;", "worker: ValueTask<int> IoctlAsync(int fd, ulong request, long[] args) | params: ValueTask<int> IoctlAsync(int fd, ulong request = 21505, params long[] args)"),
        ("[AsyncSyscall(RingOp.Write)] public static int Write(int fd, params byte[] data) => 0;", "ring Write: ValueTask<int> WriteAsync(int fd, byte[] data) | params: ValueTask<int> WriteAsync(int fd, params byte[] data)"),
        ("[AsyncSyscall] public static int Fcntl(int fd, int cmd, params int[] args) => 0; public static System.Threading.Tasks.ValueTask<int> FcntlAsync(int fd, int cmd, int[] args) => default;", "ASYS0008"),
        // iovec arrays and spans go to the ring like iovec pointers: the generated method takes the buffers.
        (Libc + "nint readv(int fd, Iovec[] iov, int iovcnt);", "ring ReadV: ValueTask<nint> readvAsync(int fd, IReadOnlyList<Memory<byte>> iov)"),
        (Libc + "nint writev(int fd, Iovec[] iov, int iovcnt);", "ring WriteV: ValueTask<nint> writevAsync(int fd, IReadOnlyList<ReadOnlyMemory<byte>> iov)"),
        (Libc + "nint preadv(IntPtr fd, Iovec[] iov, int iovcnt, long offset);", "ring ReadV: ValueTask<nint> preadvAsync(nint fd, IReadOnlyList<Memory<byte>> iov, long offset)"),
        (Lib("writev") + "nint WriteV(int fd, ReadOnlySpan<Iovec> iov, int iovcnt);", "ring WriteV: ValueTask<nint> WriteVAsync(int fd, IReadOnlyList<ReadOnlyMemory<byte>> iov)"),
        ("[AsyncSyscall(RingOp.WriteV)] public static nint WriteV(SafeHandle fd, Iovec[] iov) => 0;", "ring WriteV: ValueTask<nint> WriteVAsync(SafeHandle fd, IReadOnlyList<ReadOnlyMemory<byte>> iov)"),
        (Libc + "nint writev(int fd, long[] iov, int iovcnt);", "worker: ValueTask<nint> writevAsync(int fd, long[] iov, int iovcnt)"),
        // byte[] buffers and addresses, IntPtr descriptors: on the ring.
        (Libc + "nint pread(IntPtr fd, byte[] buf, nuint count, long offset);", "ring Read: ValueTask<nint> preadAsync(nint fd, byte[] buf, nuint count, long offset)"),
        (Libc + "nint pwrite(nint fd, ArraySegment<byte> buf, long offset);", "ring Write: ValueTask<nint> pwriteAsync(nint fd, ArraySegment<byte> buf, long offset)"),
        (Libc + "nint recv(IntPtr fd, byte[] buf, nuint len, int flags);", "ring Recv: ValueTask<nint> recvAsync(nint fd, byte[] buf, nuint len, int flags)"),
        (Libc + "int accept(int fd, byte[] addr, ref int addrlen);", "worker: ValueTask<acceptResult> acceptAsync(int fd, byte[] addr)"),
        (Libc + "int connect(IntPtr fd, byte[] addr, int addrlen);", "ring Connect: ValueTask<int> connectAsync(nint fd, byte[] addr, int addrlen)"),
        (Libc + "int fsync(IntPtr fd);", "ring Fsync: ValueTask<int> fsyncAsync(nint fd)"),
        // sendto and recvfrom keep their address (on a worker: the ring's send and recv have no place for it).
        (Libc + "nint sendto(int fd, byte[] buf, nuint len, int flags, byte[] addr, int addrlen);", "worker: ValueTask<nint> sendtoAsync(int fd, byte[] buf, nuint len, int flags, byte[] addr, int addrlen)"),
        (Libc + "nint recvfrom(int fd, byte[] buf, nuint len, int flags, byte[] addr, ref int addrlen);", "worker: ValueTask<recvfromResult> recvfromAsync(int fd, byte[] buf, nuint len, int flags, byte[] addr)"),
        (Dll("posix_fallocate") + "PosixError PosixFallocate(int fd, long offset, long len);", "worker: ValueTask<PosixError> PosixFallocateAsync(int fd, long offset, long len)"),
        (Dll("posix_fadvise") + "PosixError PosixFadvise(int fd, long offset, long len, int advice);", "ring Fadvise: ValueTask<PosixError> PosixFadviseAsync(int fd, long offset, long len, int advice)"),
        (Libc + "long write(int fd, string buf, ulong count);", "worker: ValueTask<long> writeAsync(int fd, string buf, ulong count)"),
        (Libc + "nint read(int fd, IntPtr buf, nuint count);", "ring Read: ValueTask<nint> readAsync(int fd, Memory<byte> buf)"),
        (Libc + "int read(SafeFileHandle fd, byte[] buf, int count);", "ring Read: ValueTask<int> readAsync(SafeFileHandle fd, byte[] buf, int count)"),
        (Ordinary + "int Flock(this SafeHandle handle, int operation) => 0;", "worker: ValueTask<int> FlockAsync(SafeHandle handle, int operation)"),
    };

    /// <summary>Whole types, for shapes a method alone cannot show; <c>{C}</c> is the type's name.</summary>
    public static readonly (string Declaration, string Expected)[] Types =
    {
        ("""
        public sealed partial class {C} : Stream
        {
            public override bool CanRead => true;
            public override bool CanSeek => false;
            public override bool CanWrite => false;
            public override long Length => 0;
            public override long Position { get => 0; set { } }
            public override void Flush() { }
            public override long Seek(long offset, SeekOrigin origin) => 0;
            public override void SetLength(long value) { }
            public override void Write(byte[] buffer, int offset, int count) { }
            [AsyncSyscall] public override int Read(byte[] buffer, int offset, int count) => 0;
        }
        """, "ASYS0008"),
        ("""
        public sealed partial class {C} : Stream
        {
            public override bool CanRead => true;
            public override bool CanSeek => false;
            public override bool CanWrite => false;
            public override long Length => 0;
            public override long Position { get => 0; set { } }
            [AsyncSyscall] public override void Flush() { }
            public override int Read(byte[] buffer, int offset, int count) => 0;
            public override long Seek(long offset, SeekOrigin origin) => 0;
            public override void SetLength(long value) { }
            public override void Write(byte[] buffer, int offset, int count) { }
        }
        """, "ASYS0008"),
        ("""
        public sealed partial class {C} : Stream
        {
            public override bool CanRead => true;
            public override bool CanSeek => false;
            public override bool CanWrite => false;
            public override long Length => 0;
            public override long Position { get => 0; set { } }
            public override void Flush() { }
            public override int Read(byte[] buffer, int offset, int count) => 0;
            public override long Seek(long offset, SeekOrigin origin) => 0;
            public override void SetLength(long value) { }
            public override void Write(byte[] buffer, int offset, int count) { }
            [AsyncSyscall(MethodName = "ReadSyscallAsync")] public int ReadRaw(byte[] buffer, int offset, int count) => 0;
        }
        """, "ASYS0014"),
        // Interface members the type implements explicitly, or by a default implementation, are taken too.
        ("""
        public interface I{C} { System.Threading.Tasks.ValueTask<int> ReadAsync(int fd, Memory<byte> buffer, System.Threading.CancellationToken cancellationToken); }
        public sealed partial class {C} : I{C}
        {
            System.Threading.Tasks.ValueTask<int> I{C}.ReadAsync(int fd, Memory<byte> buffer, System.Threading.CancellationToken cancellationToken) => default;
            [AsyncSyscall(RingOp.Read)] public int Read(int fd, Span<byte> buffer) => 0;
        }
        """, "ASYS0008"),
        ("""
        public interface I{C} { System.Threading.Tasks.ValueTask<int> ReadAsync(int fd, Memory<byte> buffer, System.Threading.CancellationToken cancellationToken) => default; }
        public sealed partial class {C} : I{C}
        {
            [AsyncSyscall(RingOp.Read)] public int Read(int fd, Span<byte> buffer) => 0;
        }
        """, "ASYS0008"),
        ("""
        public interface I{C} { System.Threading.Tasks.ValueTask<int> ReadAsync(int fd, Memory<byte> buffer, System.Threading.CancellationToken cancellationToken) => default; }
        public sealed partial class {C} : I{C}
        {
            [AsyncSyscall(RingOp.Read, MethodName = "ReadSyscallAsync")] public int Read(int fd, Span<byte> buffer) => 0;
        }
        """, "ring Read: ValueTask<int> ReadSyscallAsync(int fd, Memory<byte> buffer)"),
        ("""
        public interface I{C} { System.Threading.Tasks.ValueTask<int> ReadAsync(int fd, byte[] buffer, System.Threading.CancellationToken cancellationToken); }
        public sealed partial class {C} : I{C}
        {
            System.Threading.Tasks.ValueTask<int> I{C}.ReadAsync(int fd, byte[] buffer, System.Threading.CancellationToken cancellationToken) => default;
            [AsyncSyscall(RingOp.Read)] public int Read(int fd, Span<byte> buffer) => 0;
        }
        """, "ring Read: ValueTask<int> ReadAsync(int fd, Memory<byte> buffer)"),
        ("""
        public static class {C}
        {
            [AsyncSyscall] public static int Flock(int fd, int operation) => 0;
        }
        """, "ASYS0002"),
        ("""
        public partial struct {C}
        {
            [AsyncSyscall] public int Lock(int operation) => operation;
        }
        """, "ASYS0001"),
        ("""
        public sealed partial class {C}
        {
            private readonly int _fd;
            public {C}(int fd) => _fd = fd;
            [AsyncSyscall] public int Lock(int operation) => _fd + operation;
        }
        """, "ASYS0014"),
    };
}
