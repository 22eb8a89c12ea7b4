using StringComparison = System.StringComparison;
using System.Collections.Generic;
using AsyncSys.Generator.Model;
using static AsyncSys.Generator.Model.ParameterRole;
using static AsyncSys.Generator.Model.ReturnConvention;

namespace AsyncSys.Generator;

/// <summary>One known libc call, as its man page describes it.</summary>
/// <param name="EntryPoint">The libc symbol, such as <c>pread64</c>.</param>
/// <param name="Op">The ring operation, or <see cref="RingOpKind.None"/> when the kernel has no opcode (a worker runs it).</param>
/// <param name="Roles">The role of each parameter, in declaration order.</param>
/// <param name="ZeroOnSuccess">
/// Whether the call returns only 0 on success, so with out-values the return value carries no information
/// and the generated method leaves it out.
/// </param>
/// <param name="Returns">How the call reports failure.</param>
internal sealed record SyscallShape(string EntryPoint, RingOpKind Op, ParameterRole[] Roles, bool ZeroOnSuccess, ReturnConvention Returns = MinusOneAndErrno);

/// <summary>
/// The libc entry points the generator knows, named and shaped after their man pages (section 2 and 3): the
/// ring operation each maps to (if any), the role of each parameter, and how the call reports failure.
/// Data only: the planners read it; nothing about a call is inferred from a parameter's name.
/// A wrapper of a call not listed here runs on a worker, and its pointer parameters need explicit marks.
/// </summary>
internal static class KnownSyscalls
{
    private const RingOpKind Worker = RingOpKind.None;

    /// <summary>
    /// Whether the call allocates its buffer when given NULL, of the size it is given: getcwd(3), "glibc's getcwd() allocates
    /// the buffer dynamically using malloc(3) if buf is NULL ... the allocated buffer has the length size unless size is zero".
    /// A wrapper declaring that buffer as an address (nint) keeps it one, so getcwd(NULL, size) can be asked.
    /// </summary>
    public static bool AllocatesWhenNull(string entryPoint) => entryPoint == "getcwd";

    private static readonly SyscallShape[] Shapes =
    {
        // read(2), write(2), pread(2), readv(2): data transfer.
        new("read", RingOpKind.Read, new[] { Fd, OutBuffer, BufferLength }, false),
        new("pread", RingOpKind.Read, new[] { Fd, OutBuffer, BufferLength, Offset }, false),
        new("pread64", RingOpKind.Read, new[] { Fd, OutBuffer, BufferLength, Offset }, false),
        new("write", RingOpKind.Write, new[] { Fd, InBuffer, BufferLength }, false),
        new("pwrite", RingOpKind.Write, new[] { Fd, InBuffer, BufferLength, Offset }, false),
        new("pwrite64", RingOpKind.Write, new[] { Fd, InBuffer, BufferLength, Offset }, false),
        new("readv", RingOpKind.ReadV, new[] { Fd, Vectors, VectorCount }, false),
        new("preadv", RingOpKind.ReadV, new[] { Fd, Vectors, VectorCount, Offset }, false),
        new("preadv64", RingOpKind.ReadV, new[] { Fd, Vectors, VectorCount, Offset }, false),
        new("preadv64v2", RingOpKind.ReadV, new[] { Fd, Vectors, VectorCount, Offset, Flags }, false),
        new("preadv2", RingOpKind.ReadV, new[] { Fd, Vectors, VectorCount, Offset, Flags }, false),
        new("writev", RingOpKind.WriteV, new[] { Fd, Vectors, VectorCount }, false),
        new("pwritev", RingOpKind.WriteV, new[] { Fd, Vectors, VectorCount, Offset }, false),
        new("pwritev2", RingOpKind.WriteV, new[] { Fd, Vectors, VectorCount, Offset, Flags }, false),
        new("pwritev64", RingOpKind.WriteV, new[] { Fd, Vectors, VectorCount, Offset }, false),
        new("pwritev64v2", RingOpKind.WriteV, new[] { Fd, Vectors, VectorCount, Offset, Flags }, false),

        // fsync(2), sync_file_range(2), fallocate(2), posix_fadvise(3), posix_fallocate(3), ftruncate(2), lseek(2).
        new("fsync", RingOpKind.Fsync, new[] { Fd }, true),
        new("fdatasync", RingOpKind.Fdatasync, new[] { Fd }, true),
        new("sync_file_range", RingOpKind.SyncFileRange, new[] { Fd, Offset, Length, Flags }, true),
        new("fallocate", RingOpKind.Fallocate, new[] { Fd, Mode, Offset, Length }, true),
        new("posix_fadvise", RingOpKind.Fadvise, new[] { Fd, Offset, Length, Advice }, true, ErrorNumber),
        new("posix_fallocate", Worker, new[] { Fd, Offset, Length }, true, ErrorNumber),
        // glibc's large-file (LFS) aliases: the same calls with a 64-bit off_t, the same roles and conventions.
        new("fallocate64", RingOpKind.Fallocate, new[] { Fd, Mode, Offset, Length }, true),
        new("posix_fadvise64", RingOpKind.Fadvise, new[] { Fd, Offset, Length, Advice }, true, ErrorNumber),
        new("posix_fallocate64", Worker, new[] { Fd, Offset, Length }, true, ErrorNumber),
        new("truncate64", Worker, new[] { Path, Length }, true),
        new("ftruncate", RingOpKind.Ftruncate, new[] { Fd, Length }, true), // IORING_OP_FTRUNCATE (6.9+); older kernels: a worker
        new("truncate", Worker, new[] { Path, Length }, true),
        new("lseek", Worker, new[] { Fd, Offset, Value }, false),
        new("lseek64", Worker, new[] { Fd, Offset, Value }, false),
        new("ftruncate64", RingOpKind.Ftruncate, new[] { Fd, Length }, true),
        new("syncfs", Worker, new[] { Fd }, true),

        // poll(2), open(2), close(2), dup(2), pipe(2), flock(2), fcntl(2), ioctl(2).
        new("poll", RingOpKind.Poll, new[] { PollFds, PollCount, PollTimeout }, false),
        new("open", RingOpKind.OpenAt, new[] { Path, Flags, Mode }, false),
        new("open", RingOpKind.OpenAt, new[] { Path, Flags }, false),
        new("openat", RingOpKind.OpenAt, new[] { DirFd, Path, Flags, Mode }, false),
        new("openat", RingOpKind.OpenAt, new[] { DirFd, Path, Flags }, false),
        new("open64", RingOpKind.OpenAt, new[] { Path, Flags, Mode }, false),
        new("open64", RingOpKind.OpenAt, new[] { Path, Flags }, false),
        new("openat64", RingOpKind.OpenAt, new[] { DirFd, Path, Flags, Mode }, false),
        new("openat64", RingOpKind.OpenAt, new[] { DirFd, Path, Flags }, false),
        new("creat", Worker, new[] { Path, Mode }, false),
        new("creat64", Worker, new[] { Path, Mode }, false),
        new("close", RingOpKind.Close, new[] { Fd }, true),
        new("dup", Worker, new[] { Fd }, false),
        new("dup2", Worker, new[] { Fd, Fd2 }, false),
        new("dup3", Worker, new[] { Fd, Fd2, Flags }, false),
        new("pipe", Worker, new[] { OutFdPair }, true),
        new("pipe2", Worker, new[] { OutFdPair, Flags }, true),
        new("flock", Worker, new[] { Fd, Value }, true),
        new("fcntl", Worker, new[] { Fd, Value }, false),
        new("fcntl", Worker, new[] { Fd, Value, Argument }, false),
        new("ioctl", Worker, new[] { Fd, Value, Argument }, false),

        // stat(2), statx(2), getdents64(2), readlink(2), getcwd(3), the *xattr(2) family.
        new("statx", RingOpKind.Statx, new[] { DirFd, Path, Flags, Mask, StatxBuffer }, true),
        new("stat", Worker, new[] { Path, OutValue }, true),
        new("lstat", Worker, new[] { Path, OutValue }, true),
        new("fstat", Worker, new[] { Fd, OutValue }, true),
        new("fstatat", Worker, new[] { DirFd, Path, OutValue, Flags }, true),
        new("stat64", Worker, new[] { Path, OutValue }, true),
        new("lstat64", Worker, new[] { Path, OutValue }, true),
        new("fstat64", Worker, new[] { Fd, OutValue }, true),
        new("fstatat64", Worker, new[] { DirFd, Path, OutValue, Flags }, true),
        new("__xstat", Worker, new[] { Value, Path, OutValue }, true),
        new("__lxstat", Worker, new[] { Value, Path, OutValue }, true),
        new("__fxstat", Worker, new[] { Value, Fd, OutValue }, true),
        new("__xstat64", Worker, new[] { Value, Path, OutValue }, true),
        new("__lxstat64", Worker, new[] { Value, Path, OutValue }, true),
        new("__fxstat64", Worker, new[] { Value, Fd, OutValue }, true),
        new("__fxstatat", Worker, new[] { Value, DirFd, Path, OutValue, Flags }, true),
        new("statfs", Worker, new[] { Path, OutValue }, true),
        new("fstatfs", Worker, new[] { Fd, OutValue }, true),
        new("statfs64", Worker, new[] { Path, OutValue }, true),
        new("fstatfs64", Worker, new[] { Fd, OutValue }, true),
        new("getdents64", Worker, new[] { Fd, OutBuffer, BufferLength }, false),
        new("readlink", Worker, new[] { Path, OutBuffer, BufferLength }, false),
        new("readlinkat", Worker, new[] { DirFd, Path, OutBuffer, BufferLength }, false),
        new("getcwd", Worker, new[] { OutBuffer, BufferLength }, false, NullAndErrno),
        new("gethostname", Worker, new[] { OutBuffer, BufferLength }, true),
        new("sethostname", Worker, new[] { InBuffer, BufferLength }, true),
        new("getxattr", Worker, new[] { Path, Path2, OutBuffer, BufferLength }, false),
        new("lgetxattr", Worker, new[] { Path, Path2, OutBuffer, BufferLength }, false),
        new("fgetxattr", Worker, new[] { Fd, Path, OutBuffer, BufferLength }, false),
        new("setxattr", Worker, new[] { Path, Path2, InBuffer, BufferLength, Flags }, true),
        new("lsetxattr", Worker, new[] { Path, Path2, InBuffer, BufferLength, Flags }, true),
        new("fsetxattr", Worker, new[] { Fd, Path, InBuffer, BufferLength, Flags }, true),
        new("listxattr", Worker, new[] { Path, OutBuffer, BufferLength }, false),
        new("llistxattr", Worker, new[] { Path, OutBuffer, BufferLength }, false),
        new("flistxattr", Worker, new[] { Fd, OutBuffer, BufferLength }, false),
        new("removexattr", Worker, new[] { Path, Path2 }, true),
        new("lremovexattr", Worker, new[] { Path, Path2 }, true),
        new("fremovexattr", Worker, new[] { Fd, Path }, true),

        // Directory entries and names: mkdir(2), unlink(2), rename(2), link(2), symlink(2), chmod(2), chown(2), access(2).
        new("renameat", RingOpKind.RenameAt, new[] { DirFd, Path, DirFd2, Path2 }, true),
        new("renameat2", RingOpKind.RenameAt, new[] { DirFd, Path, DirFd2, Path2, Flags }, true),
        new("unlinkat", RingOpKind.UnlinkAt, new[] { DirFd, Path, Flags }, true),
        new("mkdirat", RingOpKind.MkdirAt, new[] { DirFd, Path, Mode }, true),
        new("mkdir", Worker, new[] { Path, Mode }, true),
        new("rmdir", Worker, new[] { Path }, true),
        new("unlink", Worker, new[] { Path }, true),
        new("rename", Worker, new[] { Path, Path2 }, true),
        new("link", Worker, new[] { Path, Path2 }, true),
        new("symlink", Worker, new[] { Path, Path2 }, true),
        new("chdir", Worker, new[] { Path }, true),
        new("fchdir", Worker, new[] { Fd }, true),
        new("chmod", Worker, new[] { Path, Mode }, true),
        new("fchmod", Worker, new[] { Fd, Mode }, true),
        new("fchmodat", Worker, new[] { DirFd, Path, Mode, Flags }, true),
        new("chown", Worker, new[] { Path, Value, Value }, true),
        new("lchown", Worker, new[] { Path, Value, Value }, true),
        new("fchown", Worker, new[] { Fd, Value, Value }, true),
        new("access", Worker, new[] { Path, Mode }, true),
        new("faccessat", Worker, new[] { DirFd, Path, Mode, Flags }, true),
        new("mknod", Worker, new[] { Path, Mode, Value }, true),
        new("mkfifo", Worker, new[] { Path, Mode }, true),

        // Copying between descriptors: splice(2), sendfile(2), copy_file_range(2), tee(2).
        new("splice", RingOpKind.Splice, new[] { Fd, OffsetPointer, Fd2, OffsetPointer2, Length, Flags }, false),
        new("sendfile", Worker, new[] { Fd, Fd2, OffsetPointer, Length }, false),
        new("sendfile64", Worker, new[] { Fd, Fd2, OffsetPointer, Length }, false),
        new("copy_file_range", Worker, new[] { Fd, OffsetPointer, Fd2, OffsetPointer2, Length, Flags }, false),
        new("tee", Worker, new[] { Fd, Fd2, Length, Flags }, false),

        // Sockets: socket(2), send(2), recv(2), accept(2), connect(2), bind(2), getsockopt(2), shutdown(2).
        new("send", RingOpKind.Send, new[] { Fd, InBuffer, BufferLength, Flags }, false),
        new("recv", RingOpKind.Recv, new[] { Fd, OutBuffer, BufferLength, Flags }, false),
        // The ring's send and recv have no place for an address: sendto and recvfrom run on a worker and keep it.
        new("sendto", Worker, new[] { Fd, InBuffer, BufferLength, Flags, InAddress, AddressLength }, false),
        new("recvfrom", Worker, new[] { Fd, OutBuffer, BufferLength, Flags, OutAddress, AddressLengthPointer }, false),
        new("sendmsg", RingOpKind.SendMsg, new[] { Fd, MessageHeader, Flags }, false),
        new("recvmsg", RingOpKind.RecvMsg, new[] { Fd, MessageHeader, Flags }, false),
        new("accept", RingOpKind.Accept, new[] { Fd, OutAddress, AddressLengthPointer }, false),
        new("accept4", RingOpKind.Accept, new[] { Fd, OutAddress, AddressLengthPointer, Flags }, false),
        new("connect", RingOpKind.Connect, new[] { Fd, InAddress, AddressLength }, true),
        new("shutdown", RingOpKind.Shutdown, new[] { Fd, How }, true),
        new("socket", Worker, new[] { Value, Value, Value }, false),
        new("socketpair", Worker, new[] { Value, Value, Value, OutFdPair }, true),
        new("bind", Worker, new[] { Fd, InAddress, AddressLength }, true),
        new("listen", Worker, new[] { Fd, Value }, true),
        new("getsockname", Worker, new[] { Fd, OutAddress, AddressLengthPointer }, true),
        new("getpeername", Worker, new[] { Fd, OutAddress, AddressLengthPointer }, true),
        new("setsockopt", Worker, new[] { Fd, Value, Value, InBuffer, BufferLength }, true),
        new("getsockopt", Worker, new[] { Fd, Value, Value, OutAddress, AddressLengthPointer }, true),

        // Waiting: epoll_wait(2), epoll_ctl(2), eventfd(2), waitpid(2).
        new("epoll_create1", Worker, new[] { Flags }, false),
        new("epoll_ctl", Worker, new[] { Fd, Value, Fd2, InValue }, true),
        new("epoll_wait", Worker, new[] { Fd, OutElements, BufferLength, Value }, false),
        new("eventfd", Worker, new[] { Value, Flags }, false),
        new("eventfd_read", Worker, new[] { Fd, OutValue }, true),
        new("eventfd_write", Worker, new[] { Fd, Value }, true),
        new("waitpid", Worker, new[] { Value, OutValue, Flags }, false),
        new("kill", Worker, new[] { Value, Value }, true),
        new("inotify_add_watch", Worker, new[] { Fd, Path, Mask }, false),
        new("getrandom", Worker, new[] { OutBuffer, BufferLength, Flags }, false),
        new("getpid", Worker, System.Array.Empty<ParameterRole>(), false, NeverFails),
    };

    /// <summary>Every known shape, in table order.</summary>
    public static IReadOnlyList<SyscallShape> All => Shapes;

    /// <summary>
    /// The shapes for an entry point: an exact (case-sensitive) match first; failing that, a match ignoring
    /// case, so a wrapper named <c>Pread</c> without an explicit entry point still finds <c>pread</c>.
    /// </summary>
    public static List<SyscallShape> Find(string entryPoint)
    {
        var exact = new List<SyscallShape>();
        var ignoringCase = new List<SyscallShape>();
        foreach (SyscallShape shape in Shapes)
        {
            if (string.Equals(shape.EntryPoint, entryPoint, StringComparison.Ordinal))
            {
                exact.Add(shape);
            }
            else if (string.Equals(shape.EntryPoint, entryPoint, StringComparison.OrdinalIgnoreCase))
            {
                ignoringCase.Add(shape);
            }
        }

        return exact.Count > 0 ? exact : ignoringCase;
    }

    /// <summary>The shapes of every entry point that maps to <paramref name="op"/>, for an explicit <c>[AsyncSyscall(RingOp.X)]</c>.</summary>
    public static List<SyscallShape> ForOp(RingOpKind op)
    {
        var shapes = new List<SyscallShape>();
        foreach (SyscallShape shape in Shapes)
        {
            if (shape.Op == op)
            {
                shapes.Add(shape);
            }
        }

        return shapes;
    }
}
