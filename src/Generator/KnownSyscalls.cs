using StringComparison = System.StringComparison;
using System.Collections.Generic;
using AsyncSys.Generator.Model;
using static AsyncSys.Generator.Model.ParameterRole;

namespace AsyncSys.Generator;

/// <summary>One known libc call: the ring operation it maps to, and what each of its parameters means.</summary>
/// <param name="EntryPoint">The libc symbol, such as <c>pread64</c>.</param>
/// <param name="Op">The ring operation.</param>
/// <param name="Roles">The role of each parameter, in declaration order.</param>
/// <param name="ZeroOnSuccess">
/// Whether the call returns only 0 on success, so with out-values the return value carries no information
/// and the generated method leaves it out.
/// </param>
internal sealed record SyscallShape(string EntryPoint, RingOpKind Op, ParameterRole[] Roles, bool ZeroOnSuccess);

/// <summary>
/// The libc entry points the generator knows: each maps to a ring operation, and each parameter to a role
/// the request factory understands. Calls not listed here run on blocking-call workers.
/// </summary>
internal static class KnownSyscalls
{
    private static readonly SyscallShape[] Shapes =
    {
        new("read", RingOpKind.Read, new[] { Fd, Buffer, BufferLength }, false),
        new("pread", RingOpKind.Read, new[] { Fd, Buffer, BufferLength, Offset }, false),
        new("pread64", RingOpKind.Read, new[] { Fd, Buffer, BufferLength, Offset }, false),
        new("write", RingOpKind.Write, new[] { Fd, Buffer, BufferLength }, false),
        new("pwrite", RingOpKind.Write, new[] { Fd, Buffer, BufferLength, Offset }, false),
        new("pwrite64", RingOpKind.Write, new[] { Fd, Buffer, BufferLength, Offset }, false),
        new("readv", RingOpKind.ReadV, new[] { Fd, Vectors, VectorCount }, false),
        new("preadv", RingOpKind.ReadV, new[] { Fd, Vectors, VectorCount, Offset }, false),
        new("preadv2", RingOpKind.ReadV, new[] { Fd, Vectors, VectorCount, Offset, Dropped }, false),
        new("writev", RingOpKind.WriteV, new[] { Fd, Vectors, VectorCount }, false),
        new("pwritev", RingOpKind.WriteV, new[] { Fd, Vectors, VectorCount, Offset }, false),
        new("pwritev2", RingOpKind.WriteV, new[] { Fd, Vectors, VectorCount, Offset, Dropped }, false),
        new("fsync", RingOpKind.Fsync, new[] { Fd }, true),
        new("fdatasync", RingOpKind.Fdatasync, new[] { Fd }, true),
        new("sync_file_range", RingOpKind.SyncFileRange, new[] { Fd, Offset, Length, Flags }, true),
        new("poll", RingOpKind.Poll, new[] { PollFds, PollCount, PollTimeout }, false),
        new("open", RingOpKind.OpenAt, new[] { Path, Flags, Mode }, false),
        new("open", RingOpKind.OpenAt, new[] { Path, Flags }, false),
        new("openat", RingOpKind.OpenAt, new[] { DirFd, Path, Flags, Mode }, false),
        new("openat", RingOpKind.OpenAt, new[] { DirFd, Path, Flags }, false),
        new("close", RingOpKind.Close, new[] { Fd }, true),
        new("statx", RingOpKind.Statx, new[] { DirFd, Path, Flags, Mask, StatxBuffer }, true),
        new("fallocate", RingOpKind.Fallocate, new[] { Fd, Mode, Offset, Length }, true),
        new("posix_fadvise", RingOpKind.Fadvise, new[] { Fd, Offset, Length, Advice }, true),
        new("send", RingOpKind.Send, new[] { Fd, Buffer, BufferLength, Flags }, false),
        new("recv", RingOpKind.Recv, new[] { Fd, Buffer, BufferLength, Flags }, false),
        new("sendto", RingOpKind.Send, new[] { Fd, Buffer, BufferLength, Flags, Dropped, Dropped }, false),
        new("recvfrom", RingOpKind.Recv, new[] { Fd, Buffer, BufferLength, Flags, Dropped, Dropped }, false),
        new("sendmsg", RingOpKind.SendMsg, new[] { Fd, MessageHeader, Flags }, false),
        new("recvmsg", RingOpKind.RecvMsg, new[] { Fd, MessageHeader, Flags }, false),
        new("accept", RingOpKind.Accept, new[] { Fd, Address, AddressLengthPointer }, false),
        new("accept4", RingOpKind.Accept, new[] { Fd, Address, AddressLengthPointer, Flags }, false),
        new("connect", RingOpKind.Connect, new[] { Fd, Address, AddressLength }, true),
        new("shutdown", RingOpKind.Shutdown, new[] { Fd, How }, true),
        new("renameat", RingOpKind.RenameAt, new[] { DirFd, Path, DirFd2, Path2 }, true),
        new("renameat2", RingOpKind.RenameAt, new[] { DirFd, Path, DirFd2, Path2, Flags }, true),
        new("unlinkat", RingOpKind.UnlinkAt, new[] { DirFd, Path, Flags }, true),
        new("mkdirat", RingOpKind.MkdirAt, new[] { DirFd, Path, Mode }, true),
        new("splice", RingOpKind.Splice, new[] { Fd, OffsetPointer, Fd2, OffsetPointer2, Length, Flags }, false),
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
