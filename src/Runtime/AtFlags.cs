using System;

namespace AsyncSys;

/// <summary>
/// Flags of the *at calls (statx, unlinkat, ...): the <c>AT_*</c> values of the kernel's
/// <c>include/uapi/linux/fcntl.h</c>, the same on every architecture. Each call accepts only some of them.
/// </summary>
[Flags]
public enum AtFlags
{
    /// <summary>No flag: follow symbolic links; for statx, sync as stat does (AT_STATX_SYNC_AS_STAT).</summary>
    None = 0,

    /// <summary>AT_SYMLINK_NOFOLLOW: if the path is a symbolic link, act on the link itself.</summary>
    SymlinkNoFollow = 0x100,

    /// <summary>AT_REMOVEDIR: unlinkat removes a directory (as rmdir) instead of a file.</summary>
    RemoveDirectory = 0x200,

    /// <summary>AT_SYMLINK_FOLLOW: linkat follows a symbolic link given as the old path.</summary>
    SymlinkFollow = 0x400,

    /// <summary>AT_NO_AUTOMOUNT: do not trigger an automount at the last component of the path.</summary>
    NoAutomount = 0x800,

    /// <summary>AT_EMPTY_PATH: with an empty path, act on the directory descriptor itself (any open file).</summary>
    EmptyPath = 0x1000,

    /// <summary>AT_STATX_FORCE_SYNC: statx fetches fresh attributes from a network filesystem's server.</summary>
    StatxForceSync = 0x2000,

    /// <summary>AT_STATX_DONT_SYNC: statx answers from what is cached, without asking the server.</summary>
    StatxDontSync = 0x4000,
}
