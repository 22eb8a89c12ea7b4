using System;
using System.Runtime.InteropServices;

namespace AsyncSys;

/// <summary>
/// How to open a file: the <c>O_*</c> flags of open(2), with the values of the kernel's
/// <c>include/uapi/asm-generic/fcntl.h</c> (x86-64, x86, RISC-V, LoongArch, s390x).
/// </summary>
/// <remarks>
/// On arm, arm64 and ppc64le four flags have other values (<see cref="Direct"/>, <see cref="Directory"/>,
/// <see cref="NoFollow"/>, and O_LARGEFILE, which 64-bit processes get anyway). AsyncSys converts them wherever it
/// takes an <see cref="OpenFlags"/>, so the same value works on every architecture; only a cast to
/// <see cref="int"/> for an <c>int flags</c> parameter (<see cref="RingRequest.OpenAt(int, string, int, int)"/>)
/// keeps the generic value. Exactly one of <see cref="ReadOnly"/>, <see cref="WriteOnly"/> and
/// <see cref="ReadWrite"/> applies; <see cref="ReadOnly"/> is 0, so it is what no access flag means.
/// </remarks>
[Flags]
public enum OpenFlags
{
    /// <summary>O_RDONLY: open for reading only (the value 0: the access mode when neither of the others is given).</summary>
    ReadOnly = 0,

    /// <summary>O_WRONLY: open for writing only.</summary>
    WriteOnly = 0x1,

    /// <summary>O_RDWR: open for reading and writing.</summary>
    ReadWrite = 0x2,

    /// <summary>O_CREAT: create the file if it does not exist, with the permission bits given as the mode.</summary>
    Create = 0x40,

    /// <summary>O_EXCL: with <see cref="Create"/>, fail with EEXIST if the file exists.</summary>
    Exclusive = 0x80,

    /// <summary>O_NOCTTY: a terminal opened this way does not become the process's controlling terminal.</summary>
    NoControllingTerminal = 0x100,

    /// <summary>O_TRUNC: cut an existing regular file opened for writing to length 0.</summary>
    Truncate = 0x200,

    /// <summary>O_APPEND: every write goes to the end of the file.</summary>
    Append = 0x400,

    /// <summary>O_NONBLOCK: operations that would wait fail with EAGAIN instead (pipes, sockets, devices).</summary>
    NonBlocking = 0x800,

    /// <summary>O_DSYNC: each write returns once its data (and the metadata needed to read it) is on stable storage.</summary>
    DataSync = 0x1000,

    /// <summary>O_DIRECT: bypass the page cache; buffers, offsets and lengths must be aligned (see <see cref="DirectIo"/>).</summary>
    Direct = 0x4000,

    /// <summary>O_DIRECTORY: fail with ENOTDIR unless the path is a directory.</summary>
    Directory = 0x10000,

    /// <summary>O_NOFOLLOW: fail with ELOOP if the last component of the path is a symbolic link.</summary>
    NoFollow = 0x20000,

    /// <summary>O_NOATIME: do not update the file's last access time on reads (owner or CAP_FOWNER only).</summary>
    NoAccessTime = 0x40000,

    /// <summary>O_CLOEXEC: close the descriptor in child processes at exec.</summary>
    CloseOnExec = 0x80000,

    /// <summary>O_SYNC: each write returns once its data and all its metadata are on stable storage (includes <see cref="DataSync"/>).</summary>
    Sync = 0x101000,

    /// <summary>O_PATH: a descriptor that only names the file (for *at calls and fstat); no reads or writes.</summary>
    Path = 0x200000,

    /// <summary>O_TMPFILE: create an unnamed file in the directory the path names (includes <see cref="Directory"/>).</summary>
    TemporaryFile = 0x410000,
}

/// <summary>Converts <see cref="OpenFlags"/> to this architecture's kernel values.</summary>
internal static class NativeOpenFlags
{
    // The bits that differ by architecture, in the generic layout: O_DIRECT, O_LARGEFILE, O_DIRECTORY, O_NOFOLLOW.
    private const int GenericDirect = 0x4000;
    private const int GenericLargeFile = 0x8000;
    private const int GenericDirectory = 0x10000;
    private const int GenericNoFollow = 0x20000;
    private const int Moving = GenericDirect | GenericLargeFile | GenericDirectory | GenericNoFollow;

    private static readonly (int Direct, int LargeFile, int Directory, int NoFollow) Native = RuntimeInformation.ProcessArchitecture switch
    {
        // arch/arm/include/uapi/asm/fcntl.h and arch/arm64/include/uapi/asm/fcntl.h
        Architecture.Arm or Architecture.Arm64 => (0x10000, 0x20000, 0x4000, 0x8000),
        // arch/powerpc/include/uapi/asm/fcntl.h
        Architecture.Ppc64le => (0x20000, 0x10000, 0x4000, 0x8000),
        _ => (GenericDirect, GenericLargeFile, GenericDirectory, GenericNoFollow),
    };

    /// <summary>The kernel's value of <paramref name="flags"/> on the architecture this process runs on.</summary>
    internal static int From(OpenFlags flags) => Convert((int)flags, Native);

    /// <summary>The conversion for a given architecture's values (tests check each table).</summary>
    internal static int Convert(int generic, (int Direct, int LargeFile, int Directory, int NoFollow) native)
    {
        int value = generic & ~Moving;
        value |= (generic & GenericDirect) != 0 ? native.Direct : 0;
        value |= (generic & GenericLargeFile) != 0 ? native.LargeFile : 0;
        value |= (generic & GenericDirectory) != 0 ? native.Directory : 0;
        value |= (generic & GenericNoFollow) != 0 ? native.NoFollow : 0;
        return value;
    }
}
