using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round6.Errno.InotifyTakenFirst;

internal static class Inotify
{
    public const int ENOSPC = 28;
    public const int EACCES = 13;
    public const int IN_CLOEXEC = 0x80000;
    public const uint IN_MODIFY = 0x2;
    public const uint IN_CREATE = 0x100;
    public const uint IN_DELETE = 0x200;

    [DllImport("libc", SetLastError = true)]
    public static extern int inotify_init1(int flags);

    [DllImport("libc", SetLastError = true)]
    public static extern int inotify_add_watch(int fd, string path, uint mask);

    [DllImport("libc", SetLastError = true)]
    public static extern int inotify_rm_watch(int fd, int wd);
}

/// <summary>The same watcher with errno taken in the statement right after the call, before the log line.</summary>
internal sealed class DirectoryWatcher : IDisposable
{
    private readonly IoRing _ring;
    private readonly int _fd;
    private readonly Dictionary<int, string> _paths = new();
    private readonly byte[] _events = new byte[4096];

    public DirectoryWatcher(IoRing ring)
    {
        _ring = ring;
        _fd = Inotify.inotify_init1(Inotify.IN_CLOEXEC);
        if (_fd < 0)
        {
            throw new ErrnoException(Marshal.GetLastPInvokeError(), "inotify_init1");
        }
    }

    public string? Watch(string path)
    {
        int wd = Inotify.inotify_add_watch(_fd, path, Inotify.IN_MODIFY | Inotify.IN_CREATE | Inotify.IN_DELETE);
        int errno = wd < 0 ? Marshal.GetLastPInvokeError() : 0;
        Console.Error.WriteLine($"inotify_add_watch({path}) = {wd}");
        if (wd < 0)
        {
            return errno switch
            {
                Inotify.ENOSPC => "too many watches: raise fs.inotify.max_user_watches",
                Inotify.EACCES => "no permission to watch " + path,
                int other => "inotify_add_watch failed with errno " + other,
            };
        }

        _paths[wd] = path;
        return null;
    }

    public async Task<int> ReadBatchAsync(CancellationToken cancellationToken)
    {
        int n = await _ring.ReadAsync(_fd, _events, cancellationToken);
        return n;
    }

    public void Dispose()
    {
        foreach (int wd in _paths.Keys)
        {
            Inotify.inotify_rm_watch(_fd, wd);
        }
    }
}
