using System;
using System.Runtime.InteropServices;

namespace AsyncSys;

/// <summary>A file timestamp as in <c>struct statx_timestamp</c>.</summary>
[StructLayout(LayoutKind.Sequential)]
public readonly struct StatxTimestamp
{
    /// <summary>Seconds since the Unix epoch.</summary>
    public readonly long Seconds;

    /// <summary>Nanoseconds within the second.</summary>
    public readonly uint Nanoseconds;

    private readonly int _reserved;

    /// <summary>The timestamp as a UTC <see cref="DateTimeOffset"/>.</summary>
    public DateTimeOffset ToDateTimeOffset() =>
        DateTimeOffset.FromUnixTimeSeconds(Seconds).AddTicks(Nanoseconds / 100);
}

/// <summary>
/// File information as returned by statx(2): an exact mirror of <c>struct statx</c> from linux/stat.h (256 bytes).
/// Fields not requested in the mask, or not given by the filesystem, are zero; check <see cref="Mask"/>.
/// <see cref="StructSize"/> is the size of the struct; <see cref="FileSize"/> is the size of the file.
/// </summary>
[StructLayout(LayoutKind.Sequential, Size = StructSize)]
public readonly struct Statx
{
    /// <summary>The size of <c>struct statx</c> itself, in bytes: what a buffer for <see cref="RingRequest.Statx(int, string, int, uint, System.Memory{byte})"/> needs (the file's size is <see cref="FileSize"/>).</summary>
    public const int StructSize = 256;

    /// <summary>The fields that were filled in: those asked for that the filesystem has, and possibly more.</summary>
    public readonly StatxMask Mask;
    /// <summary>Preferred block size for efficient I/O.</summary>
    public readonly uint BlockSize;
    /// <summary>STATX_ATTR_* flags.</summary>
    public readonly ulong Attributes;
    /// <summary>Number of hard links.</summary>
    public readonly uint HardLinks;
    /// <summary>Owner's user id.</summary>
    public readonly uint UserId;
    /// <summary>Owner's group id.</summary>
    public readonly uint GroupId;
    /// <summary>File type and permission bits (S_IFMT | mode).</summary>
    public readonly ushort Mode;
    private readonly ushort _spare0;
    /// <summary>Inode number.</summary>
    public readonly ulong Inode;
    /// <summary>The file's size in bytes.</summary>
    public readonly ulong FileSize;
    /// <summary>Number of 512-byte blocks allocated.</summary>
    public readonly ulong Blocks;
    /// <summary>Which STATX_ATTR_* bits the filesystem supports.</summary>
    public readonly ulong AttributesMask;
    /// <summary>Last access.</summary>
    public readonly StatxTimestamp AccessTime;
    /// <summary>Creation (birth).</summary>
    public readonly StatxTimestamp BirthTime;
    /// <summary>Last status change.</summary>
    public readonly StatxTimestamp ChangeTime;
    /// <summary>Last modification.</summary>
    public readonly StatxTimestamp ModificationTime;
    /// <summary>Device major id, for a device file.</summary>
    public readonly uint RdevMajor;
    /// <summary>Device minor id, for a device file.</summary>
    public readonly uint RdevMinor;
    /// <summary>Major id of the device holding the file.</summary>
    public readonly uint DevMajor;
    /// <summary>Minor id of the device holding the file.</summary>
    public readonly uint DevMinor;
    /// <summary>Mount id.</summary>
    public readonly ulong MountId;
    /// <summary>Memory alignment O_DIRECT needs (STATX_DIOALIGN), or 0 if unsupported.</summary>
    public readonly uint DirectIoMemoryAlignment;
    /// <summary>File offset alignment O_DIRECT needs (STATX_DIOALIGN), or 0 if unsupported.</summary>
    public readonly uint DirectIoOffsetAlignment;
}
