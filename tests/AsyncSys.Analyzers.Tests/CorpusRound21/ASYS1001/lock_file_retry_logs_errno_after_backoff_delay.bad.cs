// A CLI tool takes a lock file with open(O_CREAT | O_EXCL) in an Options-configured retry loop, and logs each busy
// attempt with the errno in the structured fields, but only after awaiting the backoff delay. After the await the
// loop runs on whatever pool thread the timer resumed it on: the logged errno is that thread's last error, not open's.
using System;
using System.IO;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;

namespace Round21.Errno.LockFileRetryAfterDelay;

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

            if (attempt >= options.MaxAttempts)
            {
                break;
            }

            await Task.Delay(options.Backoff * attempt, ct).ConfigureAwait(false);
            logger.LogDebug("Lock {Path} is busy (errno {Errno}), attempt {Attempt}", path, /*~ASYS1001*/Marshal.GetLastPInvokeError(), attempt);
        }

        throw new IOException($"Could not take the lock file {path}");
    }
}
