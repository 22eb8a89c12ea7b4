// The same hard-link tracker with the shared map changed only under a lock: concurrent ObserveAsync calls on the
// workers insert one at a time.
using System.Collections.Generic;
using System.Runtime.InteropServices;
using AsyncSys;

[assembly: System.Runtime.CompilerServices.DisableRuntimeMarshalling]

namespace Round14.SharedState.HardLinkTrackerUnderLock;

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

    private readonly object _gate = new();
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
            lock (_gate)
            {
                _firstPathByInode.TryAdd(key, relativePath);
            }
        }

        return rc;
    }
}
