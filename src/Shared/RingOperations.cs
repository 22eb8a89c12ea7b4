// Shared source: compiled into AsyncSys.Runtime (where an operation is AsyncSys.RingOp), and into the generator
// and the analyzers (ASYNCSYS_GENERATOR: there it is RingOpKind, the generator's mirror with the same names and values).
#if ASYNCSYS_GENERATOR
using Op = AsyncSys.Generator.Model.RingOpKind;
#else
using Op = AsyncSys.RingOp;
#endif
using System;

namespace AsyncSys.Shared;

/// <summary>What is true of an operation, whatever backend runs it.</summary>
[Flags]
internal enum RingOpTraits
{
    None = 0,

    /// <summary>The request's Offset is a file offset (or -1 for the file position), shown in the in-flight list.</summary>
    CarriesFileOffset = 1 << 0,

    /// <summary>A successful result is a new descriptor, which must be closed if the caller cancelled and never sees it.</summary>
    CreatesDescriptor = 1 << 1,

    /// <summary>The kernel reads or writes caller memory (a buffer, a vector of buffers, a message header).</summary>
    TransfersData = 1 << 2,

    /// <summary>The request's Length goes into a 32-bit field of the SQE; longer requests run on a worker.</summary>
    LengthIs32BitOnRing = 1 << 3,

    /// <summary>On a pipe or socket the synchronous call can wait for readiness indefinitely.</summary>
    CanWaitForReadiness = 1 << 4,

    /// <summary>The request names a descriptor (error messages show it).</summary>
    TakesDescriptor = 1 << 5,
}

/// <summary>One operation, described once: every part of the product that needs to know what an operation is reads this row.</summary>
internal sealed class RingOpInfo
{
    internal RingOpInfo(Op op, string metricName, string syscall, string? syscallAtFilePosition, byte ioUringOpcode, RingOpTraits traits)
    {
        Op = op;
        MetricName = metricName;
        Syscall = syscall;
        SyscallAtFilePosition = syscallAtFilePosition ?? syscall;
        IoUringOpcode = ioUringOpcode;
        Traits = traits;
    }

    /// <summary>The operation.</summary>
    internal Op Op { get; }

    /// <summary>The libc call named in error messages, for a request at an explicit offset (pread).</summary>
    internal string Syscall { get; }

    /// <summary>The libc call named for a request at the file position, offset -1 (read).</summary>
    internal string SyscallAtFilePosition { get; }

    /// <summary>The IORING_OP_* value from linux/io_uring.h.</summary>
    internal byte IoUringOpcode { get; }

    /// <summary>What is true of it.</summary>
    internal RingOpTraits Traits { get; }

    /// <summary>The value of the <c>asyncsys.op</c> metric tag.</summary>
    internal string MetricName { get; }

    internal bool Has(RingOpTraits trait) => (Traits & trait) == trait;
}

/// <summary>
/// The table of operations, in <c>RingOp</c> order from <c>Nop</c> on. Adding an operation: one row here, one
/// enum value, one SQE preparation, one blocking fallback, one RingRequest factory (docs/contributing.md).
/// </summary>
internal static class RingOperations
{
    private const RingOpTraits Fd = RingOpTraits.TakesDescriptor;
    private const RingOpTraits Offset = RingOpTraits.CarriesFileOffset;
    private const RingOpTraits Data = RingOpTraits.TransfersData;
    private const RingOpTraits Waits = RingOpTraits.CanWaitForReadiness;
    private const RingOpTraits NewFd = RingOpTraits.CreatesDescriptor;
    private const RingOpTraits Length32 = RingOpTraits.LengthIs32BitOnRing;

    // IORING_OP_* numbers (linux/io_uring.h); InteropLayoutTests pins the runtime's own IoUringOp enum to the header.
    private static readonly RingOpInfo[] Rows =
    {
        new(Op.Nop, "nop", "nop", null, 0, RingOpTraits.None),
        new(Op.Read, "read", "pread", "read", 22, Fd | Offset | Data | Waits),
        new(Op.Write, "write", "pwrite", "write", 23, Fd | Offset | Data | Waits),
        new(Op.ReadV, "readv", "preadv", "readv", 1, Fd | Offset | Data | Waits),
        new(Op.WriteV, "writev", "pwritev", "writev", 2, Fd | Offset | Data | Waits),
        new(Op.Fsync, "fsync", "fsync", null, 3, Fd),
        new(Op.Fdatasync, "fdatasync", "fdatasync", null, 3, Fd), // IORING_OP_FSYNC with IORING_FSYNC_DATASYNC
        new(Op.SyncFileRange, "syncfilerange", "sync_file_range", null, 8, Fd | Offset | Length32),
        new(Op.Poll, "poll", "poll", null, 6, Fd | Waits),
        new(Op.OpenAt, "openat", "openat", null, 18, NewFd),
        new(Op.Close, "close", "close", null, 19, Fd),
        new(Op.Statx, "statx", "statx", null, 21, Data),
        new(Op.Fallocate, "fallocate", "fallocate", null, 17, Fd | Offset),
        new(Op.Fadvise, "fadvise", "posix_fadvise", null, 24, Fd | Offset | Length32),
        new(Op.Send, "send", "send", null, 26, Fd | Data | Waits),
        new(Op.Recv, "recv", "recv", null, 27, Fd | Data | Waits),
        new(Op.SendMsg, "sendmsg", "sendmsg", null, 9, Fd | Data | Waits),
        new(Op.RecvMsg, "recvmsg", "recvmsg", null, 10, Fd | Data | Waits),
        new(Op.Accept, "accept", "accept4", null, 13, Fd | NewFd | Data | Waits),
        new(Op.Connect, "connect", "connect", null, 16, Fd | Data),
        new(Op.Shutdown, "shutdown", "shutdown", null, 34, Fd),
        new(Op.RenameAt, "renameat", "renameat2", null, 35, RingOpTraits.None),
        new(Op.UnlinkAt, "unlinkat", "unlinkat", null, 36, RingOpTraits.None),
        new(Op.MkdirAt, "mkdirat", "mkdirat", null, 37, RingOpTraits.None),
        new(Op.Splice, "splice", "splice", null, 30, Fd | Waits),
        new(Op.Timeout, "timeout", "timeout", null, 11, RingOpTraits.None),
        new(Op.Ftruncate, "ftruncate", "ftruncate", null, 55, Fd), // IORING_OP_FTRUNCATE: kernel 6.9+; older kernels run it on a worker
    };

    /// <summary>The first operation in the table; values below it (Auto, None) are attribute markers, not operations.</summary>
    internal const Op First = Op.Nop;

    /// <summary>Every operation, in enum order.</summary>
    internal static ReadOnlySpan<RingOpInfo> All => Rows;

    /// <summary>How many operations there are; arrays indexed by operation have this many entries after <see cref="First"/>.</summary>
    internal static int Count => Rows.Length;

    /// <summary>Whether <paramref name="op"/> is an operation a request can carry.</summary>
    internal static bool IsOperation(Op op) => (uint)(op - First) < (uint)Rows.Length;

    /// <summary>The row of <paramref name="op"/>; <paramref name="op"/> must be an operation.</summary>
    internal static RingOpInfo Of(Op op) => Rows[op - First];

    /// <summary>
    /// Whether <paramref name="op"/> is an operation with <paramref name="trait"/>; false for the attribute markers
    /// (a slot running an offloaded user call carries <c>None</c>) and for a slot being recycled (<c>Auto</c>).
    /// </summary>
    internal static bool Has(Op op, RingOpTraits trait) => IsOperation(op) && Of(op).Has(trait);

    /// <summary>A dense index for arrays indexed by operation: 0 for <see cref="First"/>.</summary>
    internal static int IndexOf(Op op) => op - First;
}
