// A log tailer adds an inotify watch for each rotated directory; when inotify_add_watch fails it first prints a warning
// and only then asks errno whether the per-user watch limit was hit (ENOSPC: fall back to polling) or the directory is
// gone. Console output is a write(2) that may set errno, so a full disk of watches is taken for a missing directory (the
// tailer silently stops following that log) or the other way round.
using System;
using System.Runtime.InteropServices;

namespace Round18.Errno.InotifyWatchAfterWarning;

internal static partial class Native
{
    internal const uint IN_MODIFY = 0x2, IN_CREATE = 0x100, IN_MOVED_TO = 0x80;
    internal const int ENOSPC = 28;

    [LibraryImport("libc", EntryPoint = "inotify_add_watch", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int InotifyAddWatch(int fd, string path, uint mask);
}

public sealed class DirectoryWatches(int inotifyFd)
{
    private static int LastErrno => Marshal.GetLastPInvokeError();

    public bool TryWatch(string directory, out int watch)
    {
        watch = Native.InotifyAddWatch(inotifyFd, directory, Native.IN_MODIFY | Native.IN_CREATE | Native.IN_MOVED_TO);
        if (watch >= 0)
        {
            return true;
        }

        Console.Error.WriteLine($"tailer: cannot watch {directory}");
        if (/*~ASYS1001*/LastErrno == Native.ENOSPC)
        {
            Console.Error.WriteLine("tailer: fs.inotify.max_user_watches reached, polling instead");
            return false;
        }

        throw new InvalidOperationException("watch target vanished: " + directory);
    }
}
