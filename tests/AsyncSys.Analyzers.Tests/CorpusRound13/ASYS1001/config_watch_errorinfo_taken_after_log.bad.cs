// A config reloader watches a directory tree with inotify. When inotify_add_watch fails it logs the directory and then
// takes the error from `LastErrorInfo()`, a helper that wraps the errno read in a small struct (the shape of
// dotnet/runtime's Interop.Sys.GetLastErrorInfo()). The log line goes to stderr first (a write(2) that saves its own
// errno), so ENOSPC (max_user_watches exhausted) arrives as errno 0: the reloader reports an unknown error instead of
// telling the operator to raise fs.inotify.max_user_watches, and silently stops reloading that subtree.
using System.Collections.Generic;
using System.IO;
using System.Runtime.InteropServices;
using AsyncSys;

namespace Round13.ErrnoReads.ConfigWatchErrorInfoAfterLog;

internal readonly record struct ErrorInfo(int RawErrno)
{
    public string Name => AsyncSys.Errno.NameOf(RawErrno);
}

internal static partial class Native
{
    public const uint IN_MODIFY = 0x2, IN_CREATE = 0x100, IN_DELETE = 0x200, IN_ONLYDIR = 0x01000000;

    [LibraryImport("libc", EntryPoint = "inotify_add_watch", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int InotifyAddWatch(int fd, string path, uint mask);

    internal static ErrorInfo LastErrorInfo() => new(Marshal.GetLastPInvokeError());
}

public sealed class ConfigTreeWatcher(int inotifyFd, TextWriter log)
{
    private readonly Dictionary<int, string> _directories = new();

    public void Watch(string directory)
    {
        int wd = Native.InotifyAddWatch(inotifyFd, directory, Native.IN_MODIFY | Native.IN_CREATE | Native.IN_DELETE | Native.IN_ONLYDIR);
        if (wd < 0)
        {
            log.WriteLine($"config-reload: cannot watch {directory}");
            ErrorInfo error = /*~ASYS1001*/Native.LastErrorInfo();
            throw new ErrnoException(error.RawErrno, "inotify_add_watch", $"{directory} ({error.Name})");
        }

        _directories[wd] = directory;
    }
}
