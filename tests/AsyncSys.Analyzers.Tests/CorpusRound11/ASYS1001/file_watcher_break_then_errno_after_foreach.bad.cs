// A file watcher adds an inotify watch for every directory of a tree; on the first failure it breaks out of the foreach and reads errno after the loop, once the directory enumerator's Dispose (closedir) has run.
using System.Collections.Generic;
using System.IO;
using System.Runtime.InteropServices;
using AsyncSys;

namespace Round11.Errno.WatcherBreakThenErrno;

internal static partial class Inotify
{
    public const uint IN_CLOSE_WRITE = 0x8, IN_MOVED_TO = 0x80, IN_CREATE = 0x100, IN_DELETE = 0x200;

    [LibraryImport("libc", EntryPoint = "inotify_add_watch", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int AddWatch(int fd, string path, uint mask);
}

public sealed class TreeWatcher(int inotifyFd, string root)
{
    private readonly Dictionary<int, string> _watches = new();

    public IReadOnlyDictionary<int, string> Watches => _watches;

    public void WatchTree()
    {
        const uint mask = Inotify.IN_CREATE | Inotify.IN_DELETE | Inotify.IN_MOVED_TO | Inotify.IN_CLOSE_WRITE;
        string? failed = null;
        foreach (string directory in Directory.EnumerateDirectories(root, "*", SearchOption.AllDirectories))
        {
            int wd = Inotify.AddWatch(inotifyFd, directory, mask);
            if (wd < 0)
            {
                failed = directory;
                break;
            }

            _watches[wd] = directory;
        }

        if (failed is not null)
        {
            // ENOSPC means fs.inotify.max_user_watches is too low: the message tells the operator what to raise.
            int errno = /*~ASYS1001*/Marshal.GetLastPInvokeError();
            throw new ErrnoException(errno, "inotify_add_watch", errno == AsyncSys.Errno.ENOSPC ? failed + ": raise fs.inotify.max_user_watches" : failed);
        }
    }
}
