// The same watcher saves errno right after inotify_add_watch fails, then logs and decides from the saved value.
using System.IO;
using System.Runtime.InteropServices;

namespace Round35.Errno.InotifyWatchSaved;

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

        int errno = Marshal.GetLastPInvokeError();
        agentLog.WriteLine($"cannot watch {directory}: errno {errno}");
        if (errno == Native.ENOENT)
        {
            return -1;
        }

        throw new IOException(errno == Native.ENOSPC ? "inotify watch limit reached" : "inotify_add_watch failed: " + errno);
    }
}
