// A directory-watching worker adds an inotify watch per configured folder and, when one fails, logs the warning through
// its ILogger first and reads errno afterwards for the message. The logger's sinks write to the console and a file
// (P/Invokes that set errno) before the read, so the reported errno is the sink's, not inotify_add_watch's.
using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round21.Errno.FolderWatcherLogsFirst;

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
            throw new ErrnoException(Marshal.GetLastPInvokeError(), "inotify_init1");
        }

        foreach (string folder in options.Folders)
        {
            int wd = Native.InotifyAddWatch(fd, folder, options.Mask);
            if (wd < 0)
            {
                logger.LogWarning("Cannot watch {Folder}, skipping it", folder);
                int errno = /*~ASYS1001*/Marshal.GetLastPInvokeError();
                logger.LogInformation("inotify_add_watch({Folder}) failed with errno {Errno}", folder, errno);
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
