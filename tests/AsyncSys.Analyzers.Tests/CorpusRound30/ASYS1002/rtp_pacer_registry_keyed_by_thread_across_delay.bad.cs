// An RTP pacer registry records which stream each thread is pacing (for a stall dump), keyed by the managed thread id
// taken before the pacing delay, and removes the entry after the delay. The delay resumes on another thread: the remove
// uses the old thread's id, so it may delete the entry another stream just registered on that thread, and the dump
// shows stale or missing pacers.
using System;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round30.PerThread.RtpPacerThreadKey;

public sealed class PacerRegistry(IoRing ring)
{
    private readonly ConcurrentDictionary<int, string> _pacingByThread = new();

    public async Task PaceAsync(string streamId, TimeSpan gap, CancellationToken ct)
    {
        int thread = Environment.CurrentManagedThreadId;
        _pacingByThread[thread] = streamId;
        await ring.DelayAsync(gap, ct);
        _pacingByThread.TryRemove(/*~ASYS1002*/thread, out _);
    }
}
