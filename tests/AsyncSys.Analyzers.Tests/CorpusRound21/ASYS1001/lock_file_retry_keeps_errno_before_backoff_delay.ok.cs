// The same lock-file retry loop, written right: errno is read into a local right after open fails, then the loop
// decides, logs and awaits the backoff with that value.
using System;
using System.IO;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round21.Errno.LockFileRetryErrnoFirst;

public enum LogLevel { Debug, Information, Warning, Error }

public interface ILogger
{
    void Log(LogLevel level, string message, params object?[] args);
}

public static class LoggerExtensions
{
    public static void LogDebug(this ILogger logger, string message, params object?[] args) => logger.Log(LogLevel.Debug, message, args);
}

public sealed class LockFileOptions
{
    public int MaxAttempts { get; set; } = 5;
    public TimeSpan Backoff { get; set; } = TimeSpan.FromMilliseconds(200);
}

internal static partial class Native
{
    public const int O_WRONLY = 0x1, O_CREAT = 0x40, O_EXCL = 0x80, O_CLOEXEC = 0x80000;
    public const int EEXIST = 17;

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int Open(string path, int flags, int mode);
}

public sealed class LockFile(ILogger logger, LockFileOptions options)
{
    public async Task<int> AcquireAsync(string path, CancellationToken ct)
    {
        for (int attempt = 1; ; attempt++)
        {
            int fd = Native.Open(path, Native.O_WRONLY | Native.O_CREAT | Native.O_EXCL | Native.O_CLOEXEC, 0x1A4);
            if (fd >= 0)
            {
                return fd;
            }

            int errno = Marshal.GetLastPInvokeError();
            if (errno != Native.EEXIST || attempt >= options.MaxAttempts)
            {
                throw new ErrnoException(errno, "open", path);
            }

            logger.LogDebug("Lock {Path} is busy (errno {Errno}), attempt {Attempt}", path, errno, attempt);
            await Task.Delay(options.Backoff * attempt, ct).ConfigureAwait(false);
        }
    }
}
