using System;
using System.Collections.Concurrent;
using System.Threading;
using AsyncSys;

namespace Round5.PerThread.TimerCallback;

internal sealed class PeriodicFlusher : IDisposable
{
    private static readonly ConcurrentDictionary<int, string> s_busyThreads = new();
    private readonly Timer _timer;

    public PeriodicFlusher(IoRing ring, int fd, string name, TimeSpan period)
    {
        _timer = new Timer(async state =>
        {
            int thread = Environment.CurrentManagedThreadId;
            s_busyThreads[thread] = name;
            try
            {
                await ring.FdatasyncAsync(fd);
            }
            finally
            {
                s_busyThreads.TryRemove(/*~ASYS1002*/thread, out _);
            }
        }, null, period, period);
    }

    public void Dispose() => _timer.Dispose();
}
