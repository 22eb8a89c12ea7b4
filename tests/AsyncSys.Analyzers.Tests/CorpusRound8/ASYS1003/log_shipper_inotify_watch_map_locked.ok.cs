using System.Collections.Generic;
using System.Runtime.InteropServices;
using AsyncSys;

namespace Round8.Shared.InotifyWatchesOk;

/// <summary>A log shipper watches each log file it tails; the map is guarded by a lock.</summary>
internal sealed partial class LogWatcher(int inotifyFd)
{
    private const uint IN_MODIFY = 0x2;
    private const uint IN_MOVE_SELF = 0x800;

    private readonly object _gate = new();
    private readonly Dictionary<int, string> _watches = new();

    [DllImport("libc", SetLastError = true)]
    private static extern int inotify_add_watch(int fd, string path, uint mask);

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public int Watch(string path)
    {
        int wd = inotify_add_watch(inotifyFd, path, IN_MODIFY | IN_MOVE_SELF);
        if (wd >= 0)
        {
            lock (_gate)
            {
                _watches[wd] = path;
            }
        }

        return wd;
    }

    public string? PathOf(int wd)
    {
        lock (_gate)
        {
            return _watches.TryGetValue(wd, out string? path) ? path : null;
        }
    }
}
