// A file tailer adds an inotify watch on the log directory; when that fails it first writes a warning to its own log
// file and only then asks errno whether the directory is missing (ENOENT: wait for it) or the watch limit is hit. The
// log write may fail or succeed with its own errno, so a missing directory is reported as "raise max_user_watches".
using System.IO;
using System.Runtime.InteropServices;

namespace Round35.Errno.InotifyWatchAfterLog;

internal static class Native
{
    internal const uint IN_MODIFY = 0x2, IN_MOVE_SELF = 0x800, IN_CREATE = 0x100;
    internal const int ENOENT = 2, ENOSPC = 28;

    [DllImport("libc", EntryPoint = "inotify_add_watch", SetLastError = true)]
    internal static extern int InotifyAddWatch(int fd, string path, uint mask);
}

public sealed class DirectoryWatcher(int inotifyFd, TextWriter agentLog)
{
    public int Watch(string directory)
    {
        int wd = Native.InotifyAddWatch(inotifyFd, directory, Native.IN_MODIFY | Native.IN_CREATE | Native.IN_MOVE_SELF);
        if (wd >= 0)
        {
            return wd;
        }

        agentLog.WriteLine($"cannot watch {directory}");
        int errno = /*~ASYS1001*/Marshal.GetLastPInvokeError();
        if (errno == Native.ENOENT)
        {
            return -1;
        }

        throw new IOException(errno == Native.ENOSPC ? "inotify watch limit reached" : "inotify_add_watch failed: " + errno);
    }
}
