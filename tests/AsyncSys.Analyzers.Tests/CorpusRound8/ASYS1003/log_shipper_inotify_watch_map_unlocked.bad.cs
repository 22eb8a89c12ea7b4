using System.Collections.Generic;
using System.Runtime.InteropServices;
using AsyncSys;

namespace Round8.Shared.InotifyWatches;

/// <summary>A log shipper watches each log file it tails; the watch descriptor maps events back to the file.</summary>
internal sealed partial class LogWatcher(int inotifyFd)
{
    private const uint IN_MODIFY = 0x2;
    private const uint IN_MOVE_SELF = 0x800;

    private readonly Dictionary<int, string> _watches = new();

    [DllImport("libc", SetLastError = true)]
    private static extern int inotify_add_watch(int fd, string path, uint mask);

    /// <summary>Adds a watch; several files are added at once at startup (WatchAsync for each, then WhenAll).</summary>
    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public int Watch(string path)
    {
        int wd = inotify_add_watch(inotifyFd, path, IN_MODIFY | IN_MOVE_SELF);
        if (wd >= 0)
        {
            /*~ASYS1003*/_watches[wd] = path;   // two workers insert into one Dictionary at once
        }

        return wd;
    }

    public string? PathOf(int wd) => _watches.TryGetValue(wd, out string? path) ? path : null;
}
