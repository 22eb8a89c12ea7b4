// A pipe writer wrapper notes the thread a slow flush started on and prints it with the thread it finished on, for a
// latency trace. The captured id is only formatted into a log line after the await: no thread's state is used.
using System;
using System.Diagnostics;
using System.IO.Pipelines;
using System.Threading;
using System.Threading.Tasks;

namespace Round26.PerThread.FlushThreadIdOnlyLogged;

public sealed class TracedPipeWriter(PipeWriter inner, TimeSpan slow)
{
    public async ValueTask<FlushResult> FlushAsync(CancellationToken ct)
    {
        int startedOn = Environment.CurrentManagedThreadId;
        long started = Stopwatch.GetTimestamp();
        FlushResult result = await inner.FlushAsync(ct);
        TimeSpan took = Stopwatch.GetElapsedTime(started);
        if (took > slow)
        {
            Console.WriteLine($"slow flush: {took.TotalMilliseconds} ms, started on thread {startedOn}, resumed on {Environment.CurrentManagedThreadId}");
        }

        return result;
    }
}
