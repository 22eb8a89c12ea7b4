using System;
using System.Collections.Concurrent;
using System.Threading.Tasks;
using AsyncSys;

namespace Round10.PerThread.MetricsFlush;

/// <summary>
/// A server's metrics exporter: a timerfd tick calls the flush hook, which appends the snapshot to the metrics log.
/// A tick that arrives while a flush started by the same thread is still running is skipped (no re-entry).
/// </summary>
internal static class MetricsExporter
{
    private static readonly ConcurrentDictionary<int, DateTimeOffset> s_flushingThreads = new();

    public static readonly Func<IoRing, int, ReadOnlyMemory<byte>, Task> FlushOnTick = async (ring, logFd, snapshot) =>
    {
        int thread = Environment.CurrentManagedThreadId;
        if (!s_flushingThreads.TryAdd(thread, DateTimeOffset.UtcNow))
        {
            return;   // this thread is already flushing
        }

        try
        {
            await ring.WriteAsync(logFd, snapshot);
            await ring.FdatasyncAsync(logFd);
        }
        finally
        {
            // Resumed on some pool thread: meanwhile the first thread was free, and its own next tick was skipped
            // or has registered under the same key, which this removes.
            s_flushingThreads.TryRemove(/*~ASYS1002*/thread, out _);
        }
    };
}
