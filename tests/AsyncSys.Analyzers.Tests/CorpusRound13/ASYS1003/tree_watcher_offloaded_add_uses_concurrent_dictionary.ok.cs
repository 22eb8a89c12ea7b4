// The recursive file watcher of the .bad twin, with the watch table a ConcurrentDictionary: the offloaded AddWatch
// wrappers running at once on AsyncSys's workers each store their wd's path with the dictionary's own synchronization.
using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using AsyncSys;

namespace Round13.SharedState.TreeWatcherConcurrentTable;

internal static partial class Native
{
    [LibraryImport("libc", EntryPoint = "inotify_add_watch", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int InotifyAddWatch(int fd, string path, uint mask);
}

public sealed partial class TreeWatcher(int inotifyFd)
{
    private readonly ConcurrentDictionary<int, string> _pathsByWatch = new();

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public int AddWatch(string directory, uint mask)
    {
        int wd = Native.InotifyAddWatch(inotifyFd, directory, mask);
        if (wd < 0) return -1;
        _pathsByWatch[wd] = directory;
        return wd;
    }

    public string? PathOf(int wd) => _pathsByWatch.TryGetValue(wd, out string? path) ? path : null;
}
