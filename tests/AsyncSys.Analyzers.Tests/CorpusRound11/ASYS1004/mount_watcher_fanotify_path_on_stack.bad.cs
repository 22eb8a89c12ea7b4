// A mount watcher encodes the mount point as a NUL-terminated UTF-8 string in stackalloc memory and returns the generated worker variant of fanotify_mark given that address.
using System;
using System.Runtime.InteropServices;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round11.Stack.FanotifyMarkPath;

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
    public unsafe ValueTask<int> WatchMountAsync(string mountPoint, CancellationToken cancellationToken)
    {
        int capacity = Encoding.UTF8.GetMaxByteCount(mountPoint.Length) + 1;
        byte* path = stackalloc byte[capacity];
        int length = Encoding.UTF8.GetBytes(mountPoint, new Span<byte>(path, capacity - 1));
        path[length] = 0;
        return Fanotify.MarkAsync(fanotifyFd, Fanotify.FAN_MARK_ADD | Fanotify.FAN_MARK_MOUNT, Fanotify.FAN_CLOSE_WRITE, Fanotify.AT_FDCWD, /*~ASYS1004*/(nint)path, cancellationToken);
    }
}
