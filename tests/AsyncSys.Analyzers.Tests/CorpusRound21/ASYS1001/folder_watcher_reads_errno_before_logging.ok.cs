// The same directory-watching worker, written right: errno is kept in a local as soon as inotify_add_watch fails, then
// the warning is logged with it; the logger's own writes cannot change the value any more.
using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round21.Errno.FolderWatcherErrnoFirst;

public enum LogLevel { Debug, Information, Warning, Error }

public interface ILogger
{
    void Log(LogLevel level, string message, params object?[] args);
}

public static class LoggerExtensions
{
    public static void LogWarning(this ILogger logger, string message, params object?[] args) => logger.Log(LogLevel.Warning, message, args);
    public static void LogInformation(this ILogger logger, string message, params object?[] args) => logger.Log(LogLevel.Information, message, args);
}

public abstract class BackgroundService
{
    protected abstract Task ExecuteAsync(CancellationToken stoppingToken);
}

internal static partial class Native
{
    public const int IN_CLOEXEC = 0x80000;

    [LibraryImport("libc", EntryPoint = "inotify_init1", SetLastError = true)]
    internal static partial int InotifyInit1(int flags);

    [LibraryImport("libc", EntryPoint = "inotify_add_watch", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int InotifyAddWatch(int fd, string path, uint mask);
}

public sealed record WatchOptions(IReadOnlyList<string> Folders, uint Mask = 0x100 | 0x200 | 0x8);

public sealed class FolderWatcher(ILogger logger, WatchOptions options, IoRing ring) : BackgroundService
{
    private readonly Dictionary<int, string> _folders = new();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        int fd = Native.InotifyInit1(Native.IN_CLOEXEC);
        if (fd < 0)
        {
            throw new InvalidOperationException($"inotify_init1 failed: errno {Marshal.GetLastPInvokeError()}");
        }

        foreach (string folder in options.Folders)
        {
            int wd = Native.InotifyAddWatch(fd, folder, options.Mask);
            if (wd < 0)
            {
                int errno = Marshal.GetLastPInvokeError();
                logger.LogWarning("Cannot watch {Folder} (errno {Errno}), skipping it", folder, errno);
                continue;
            }

            _folders[wd] = folder;
        }

        byte[] events = new byte[64 * 1024];
        while (!stoppingToken.IsCancellationRequested)
        {
            int n = await ring.ReadAsync(fd, events, stoppingToken).ConfigureAwait(false);
            logger.LogInformation("{Bytes} bytes of events for {Count} folders", n, _folders.Count);
        }
    }
}
