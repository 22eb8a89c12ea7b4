using System;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Threading.Tasks;
using AsyncSys;

namespace Round5.PerThread.TupleId;

internal static class FlushLeases
{
    // Which flush each thread has running, so a re-entrant flush on the same thread is refused.
    private static readonly ConcurrentDictionary<int, long> s_running = new();

    public static async Task FlushAsync(IoRing ring, int fd)
    {
        var (owner, started) = (Environment.CurrentManagedThreadId, Stopwatch.GetTimestamp());
        if (!s_running.TryAdd(owner, started))
        {
            throw new InvalidOperationException("flush re-entered on this thread");
        }

        await ring.FdatasyncAsync(fd).ConfigureAwait(false);
        s_running.TryRemove(/*~ASYS1002*/owner, out _);   // meanwhile the first thread, free again, was refused as "re-entered"
    }
}
