// An RTP pacer logs, after its pacing delay, which thread it started on; the id is only formatted into a diagnostic
// line, never used to find per-thread state, so resuming on another thread changes nothing.
using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round30.PerThread.RtpPacerLogsThread;

public sealed class PacerTrace(IoRing ring, TextWriter trace)
{
    public async Task PaceAsync(string streamId, TimeSpan gap, CancellationToken ct)
    {
        int startedOn = Environment.CurrentManagedThreadId;
        await ring.DelayAsync(gap, ct);
        trace.WriteLine($"stream {streamId}: paced {gap.TotalMilliseconds} ms, started on thread {startedOn}");
    }
}
