// A metrics client buffers counter updates per producing thread in a ConcurrentDictionary keyed by the managed thread id
// (so hot paths never contend). The flusher takes "its" batch, awaits the send to the statsd socket and removes the entry
// by the id it read before the await. Resumed on another thread, the id still names the first thread, whose new batch
// (filled in the meantime by other work on that thread) is removed unsent: counters silently go missing.
using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round18.PerThread.MetricsBatchByThreadId;

public sealed class StatsdBuffer(IoRing ring, int statsdSocket)
{
    private readonly ConcurrentDictionary<int, List<string>> _batches = new();

    public void Increment(string name) =>
        _batches.GetOrAdd(Environment.CurrentManagedThreadId, _ => new List<string>()).Add(name + ":1|c");

    public async Task FlushMineAsync(CancellationToken ct)
    {
        int owner = Environment.CurrentManagedThreadId;
        if (!_batches.TryGetValue(owner, out List<string>? lines) || lines.Count == 0)
        {
            return;
        }

        byte[] payload = Encoding.ASCII.GetBytes(string.Join('\n', lines));
        await ring.SendAsync(statsdSocket, payload, MessageFlags.None, ct);
        _batches.TryRemove(/*~ASYS1002*/owner, out _);
    }
}
