using System;

namespace AsyncSys;

/// <summary>
/// Which fields of <see cref="Statx"/> to ask statx(2) for, and which it filled in (<see cref="Statx.Mask"/>):
/// the <c>STATX_*</c> values of the kernel's <c>include/uapi/linux/stat.h</c>.
/// </summary>
[Flags]
public enum StatxMask : uint
{
    /// <summary>No field.</summary>
    None = 0,

    /// <summary>STATX_TYPE: the file type bits of <see cref="Statx.Mode"/>.</summary>
    Type = 0x1,

    /// <summary>STATX_MODE: the permission bits of <see cref="Statx.Mode"/>.</summary>
    Mode = 0x2,

    /// <summary>STATX_NLINK: <see cref="Statx.HardLinks"/>.</summary>
    HardLinks = 0x4,

    /// <summary>STATX_UID: <see cref="Statx.UserId"/>.</summary>
    UserId = 0x8,

    /// <summary>STATX_GID: <see cref="Statx.GroupId"/>.</summary>
    GroupId = 0x10,

    /// <summary>STATX_ATIME: <see cref="Statx.AccessTime"/>.</summary>
    AccessTime = 0x20,

    /// <summary>STATX_MTIME: <see cref="Statx.ModificationTime"/>.</summary>
    ModificationTime = 0x40,

    /// <summary>STATX_CTIME: <see cref="Statx.ChangeTime"/>.</summary>
    ChangeTime = 0x80,

    /// <summary>STATX_INO: <see cref="Statx.Inode"/>.</summary>
    Inode = 0x100,

    /// <summary>STATX_SIZE: <see cref="Statx.FileSize"/>.</summary>
    FileSize = 0x200,

    /// <summary>STATX_BLOCKS: <see cref="Statx.Blocks"/>.</summary>
    Blocks = 0x400,

    /// <summary>STATX_BASIC_STATS: every field of the classic stat (<see cref="Type"/> to <see cref="Blocks"/>).</summary>
    BasicStats = 0x7ff,

    /// <summary>STATX_BTIME: <see cref="Statx.BirthTime"/>, when the filesystem records it.</summary>
    BirthTime = 0x800,

    /// <summary>STATX_MNT_ID: <see cref="Statx.MountId"/>.</summary>
    MountId = 0x1000,

    /// <summary>STATX_DIOALIGN: <see cref="Statx.DirectIoMemoryAlignment"/> and <see cref="Statx.DirectIoOffsetAlignment"/> (Linux 6.1+).</summary>
    DirectIoAlignment = 0x2000,
}
