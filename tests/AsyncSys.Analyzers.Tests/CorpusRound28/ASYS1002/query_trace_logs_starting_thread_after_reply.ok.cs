// A driver's query tracer notes the thread a query started on and prints it in the trace line written after the
// reply arrives ("started on thread 12, finished on thread 31"): the old id is only formatted, never used as a key or
// to reach per-thread state, so resuming on another thread changes nothing.
using System;
using System.Diagnostics;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round28.PerThread.QueryTraceLogsThread;

public sealed class TracedConnection(IoRing ring, int fd, TextWriter trace)
{
    public async Task<int> QueryAsync(ReadOnlyMemory<byte> query, Memory<byte> reply, CancellationToken ct)
    {
        int startedOn = Environment.CurrentManagedThreadId;
        long started = Stopwatch.GetTimestamp();
        await ring.SendAsync(fd, query, MessageFlags.None, ct);
        int received = await ring.ReceiveAsync(fd, reply, MessageFlags.None, ct);
        trace.WriteLine($"query on fd {fd}: {received} bytes in {Stopwatch.GetElapsedTime(started).TotalMilliseconds:F1} ms, started on thread {startedOn}, finished on {Environment.CurrentManagedThreadId}");
        return received;
    }
}
