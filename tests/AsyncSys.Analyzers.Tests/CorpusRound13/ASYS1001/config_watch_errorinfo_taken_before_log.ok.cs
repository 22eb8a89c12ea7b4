// The config reloader of the .bad twin, with the error taken through `LastErrorInfo()` right after the failed
// inotify_add_watch, before the log line: the exception carries ENOSPC and the log line still comes first.
using System.Collections.Generic;
using System.IO;
using System.Runtime.InteropServices;
using AsyncSys;

namespace Round13.ErrnoReads.ConfigWatchErrorInfoBeforeLog;

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
            ErrorInfo error = Native.LastErrorInfo();
            log.WriteLine($"config-reload: cannot watch {directory}");
            throw new ErrnoException(error.RawErrno, "inotify_add_watch", $"{directory} ({error.Name})");
        }

        _directories[wd] = directory;
    }
}
