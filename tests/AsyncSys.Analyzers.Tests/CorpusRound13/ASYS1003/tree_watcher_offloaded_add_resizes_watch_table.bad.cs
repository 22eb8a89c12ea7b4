// A recursive file watcher maps inotify watch descriptors to directory paths in an array indexed by wd, grown with
// Array.Resize when the kernel hands out a larger wd. AddWatch is an offloaded instance wrapper (an ordinary method
// outside the table, RingOp.None), and the initial scan adds watches for hundreds of directories concurrently through
// AddWatchAsync. Two workers that both see a full table each resize it: one copy replaces the other, and the path the
// other stored (in the array it resized, or in the old one after this one copied it) is lost. Events for that
// directory then arrive with a wd the watcher cannot name, and its changes are dropped.
using System;
using System.Runtime.InteropServices;
using AsyncSys;

namespace Round13.SharedState.TreeWatcherResizedTable;

internal static partial class Native
{
    [LibraryImport("libc", EntryPoint = "inotify_add_watch", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int InotifyAddWatch(int fd, string path, uint mask);
}

public sealed partial class TreeWatcher(int inotifyFd)
{
    private string?[] _pathsByWatch = new string?[256];

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public int AddWatch(string directory, uint mask)
    {
        int wd = Native.InotifyAddWatch(inotifyFd, directory, mask);
        if (wd < 0) return -1;
        if (wd >= _pathsByWatch.Length)
        {
            /*~ASYS1003*/Array.Resize(ref _pathsByWatch, Math.Max(wd + 1, _pathsByWatch.Length * 2));
        }

        /*~ASYS1003*/_pathsByWatch[wd] = directory;
        return wd;
    }

    public string? PathOf(int wd) => wd < _pathsByWatch.Length ? _pathsByWatch[wd] : null;
}
