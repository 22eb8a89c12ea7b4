// The same log tailer made right: errno is copied into a local on the line after the failed inotify_add_watch, before
// the warning is printed, so the ENOSPC decision is about the watch and not about the console write.
using System;
using System.Runtime.InteropServices;

namespace Round18.Errno.InotifyWatchErrnoKept;

internal static partial class Native
{
    internal const uint IN_MODIFY = 0x2, IN_CREATE = 0x100, IN_MOVED_TO = 0x80;
    internal const int ENOSPC = 28;

    [LibraryImport("libc", EntryPoint = "inotify_add_watch", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int InotifyAddWatch(int fd, string path, uint mask);
}

public sealed class DirectoryWatches(int inotifyFd)
{
    public bool TryWatch(string directory, out int watch)
    {
        watch = Native.InotifyAddWatch(inotifyFd, directory, Native.IN_MODIFY | Native.IN_CREATE | Native.IN_MOVED_TO);
        if (watch >= 0)
        {
            return true;
        }

        int errno = Marshal.GetLastPInvokeError();
        Console.Error.WriteLine($"tailer: cannot watch {directory} (errno {errno})");
        if (errno == Native.ENOSPC)
        {
            return false;
        }

        throw new InvalidOperationException("watch target vanished: " + directory);
    }
}
