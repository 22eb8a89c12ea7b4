using System;
using System.Collections.Concurrent;
using System.Threading.Tasks;
using AsyncSys;

namespace Round10.PerThread.MetricsFlushOk;

/// <summary>
/// A server's metrics exporter: a timerfd tick calls the flush hook, which appends the snapshot to the metrics log.
/// A tick that arrives while a flush of the same log is still running is skipped (no re-entry).
/// </summary>
internal static class MetricsExporter
{
    private static readonly ConcurrentDictionary<int, DateTimeOffset> s_flushingLogs = new();

    public static readonly Func<IoRing, int, ReadOnlyMemory<byte>, Task> FlushOnTick = async (ring, logFd, snapshot) =>
    {
        if (!s_flushingLogs.TryAdd(logFd, DateTimeOffset.UtcNow))
        {
            return;   // this log is already being flushed
        }

        try
        {
            await ring.WriteAsync(logFd, snapshot);
            await ring.FdatasyncAsync(logFd);
        }
        finally
        {
            s_flushingLogs.TryRemove(logFd, out _);   // keyed by what is guarded, not by a thread
        }
    };
}
