// A mount watcher passes the mount point to the generated worker variant of fanotify_mark as a CoTaskMem UTF-8 string freed only after the awaited call.
using System;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round11.Stack.FanotifyMarkPathOk;

internal static partial class Fanotify
{
    public const uint FAN_MARK_ADD = 0x1, FAN_MARK_MOUNT = 0x10;
    public const ulong FAN_CLOSE_WRITE = 0x8;
    public const int AT_FDCWD = -100;

    // Not in the generator's table: runs on a worker; the path is passed as an address.
    [LibraryImport("libc", EntryPoint = "fanotify_mark", SetLastError = true)]
    [AsyncSyscall(Errors = SyscallErrors.MinusOneAndErrno)]
    internal static partial int Mark(int fanotifyFd, uint flags, ulong mask, int dirFd, nint pathname);
}

public sealed class MountWatcher(int fanotifyFd)
{
    public async ValueTask<int> WatchMountAsync(string mountPoint, CancellationToken cancellationToken)
    {
        nint path = Marshal.StringToCoTaskMemUTF8(mountPoint);
        try
        {
            return await Fanotify.MarkAsync(fanotifyFd, Fanotify.FAN_MARK_ADD | Fanotify.FAN_MARK_MOUNT, Fanotify.FAN_CLOSE_WRITE, Fanotify.AT_FDCWD, path, cancellationToken);
        }
        finally
        {
            Marshal.FreeCoTaskMem(path);
        }
    }
}
