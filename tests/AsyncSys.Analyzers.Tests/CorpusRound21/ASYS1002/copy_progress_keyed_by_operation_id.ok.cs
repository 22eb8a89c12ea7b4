// The same progress display, written right: each copy takes an operation id of its own (Interlocked counter) and
// records and clears its entry under that; the thread it started on is only logged at the end, for diagnostics.
using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;
using Microsoft.Win32.SafeHandles;

namespace Round21.PerThread.CopyProgressByOperation;

public enum LogLevel { Debug, Information, Warning, Error }

public interface ILogger
{
    void Log(LogLevel level, string message, params object?[] args);
}

public static class LoggerExtensions
{
    public static void LogDebug(this ILogger logger, string message, params object?[] args) => logger.Log(LogLevel.Debug, message, args);
}

public sealed class CopyProgress
{
    private readonly ConcurrentDictionary<long, string> _current = new();
    private long _nextId;

    public long Started(string path)
    {
        long id = Interlocked.Increment(ref _nextId);
        _current[id] = path;
        return id;
    }

    public void Finished(long id) => _current.TryRemove(id, out _);

    public IReadOnlyCollection<string> Current => (IReadOnlyCollection<string>)_current.Values;
}

public sealed class FileCopier(IoRing ring, CopyProgress progress, ILogger logger)
{
    public async Task CopyAsync(string source, string destination, CancellationToken ct)
    {
        int startedOn = Environment.CurrentManagedThreadId;
        long id = progress.Started(source);
        try
        {
            using SafeFileHandle input = File.OpenHandle(source);
            using SafeFileHandle output = File.OpenHandle(destination, FileMode.Create, FileAccess.Write);
            byte[] buffer = new byte[256 * 1024];
            long offset = 0;
            int n;
            while ((n = await ring.ReadAsync(input, buffer, offset, ct).ConfigureAwait(false)) > 0)
            {
                await ring.WriteAsync(output, buffer.AsMemory(0, n), offset, ct).ConfigureAwait(false);
                offset += n;
            }
        }
        finally
        {
            progress.Finished(id);
            logger.LogDebug("Copy of {Source} (started on thread {Thread}) done", source, startedOn);
        }
    }
}
