// An rsync-like sender preserving hard links (-H) remembers the first path of every inode with more than one link, so
// later names of the same inode are sent as links. Observe is an offloaded instance wrapper (an ordinary method
// outside the table, RingOp.None) around statx, and the scan awaits ObserveAsync for many directory entries at once.
// Concurrent TryAdd calls on one Dictionary corrupt its buckets: entries are lost (the second name is sent as a full
// copy, doubling the receiver's usage) or a later lookup spins forever.
using System.Collections.Generic;
using System.Runtime.InteropServices;
using AsyncSys;

[assembly: System.Runtime.CompilerServices.DisableRuntimeMarshalling]

namespace Round14.SharedState.HardLinkTrackerTryAdd;

internal static partial class Native
{
    [LibraryImport("libc", EntryPoint = "statx", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int Statx(int dirFd, string path, int flags, uint mask, out AsyncSys.Statx statx);
}

public sealed partial class HardLinkTracker
{
    private const int AT_SYMLINK_NOFOLLOW = 0x100;
    private const uint STATX_NLINK = 0x4;
    private const uint STATX_INO = 0x100;

    private readonly Dictionary<(ulong Device, ulong Inode), string> _firstPathByInode = new();

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public int Observe(int dirFd, string relativePath)
    {
        int rc = Native.Statx(dirFd, relativePath, AT_SYMLINK_NOFOLLOW, STATX_NLINK | STATX_INO, out AsyncSys.Statx stx);
        if (rc < 0)
        {
            return rc;
        }

        if (stx.HardLinks > 1)
        {
            var key = (((ulong)stx.DevMajor << 32) | stx.DevMinor, stx.Inode);
            /*~ASYS1003*/_firstPathByInode.TryAdd(key, relativePath);
        }

        return rc;
    }
}
