// The broker's forwarder keeps the thread id it started on only to write it in a trace line after the send, and
// compares it with the current thread on purpose to count thread hops. Neither use depends on still being on it.
using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round22.PerThread.BrokerLogsStartingThread;

public sealed class Forwarder(IoRing ring, TextWriter trace)
{
    private long _hops;

    public long Hops => Interlocked.Read(ref _hops);

    public async Task<int> ForwardAsync(int subscriberFd, ReadOnlyMemory<byte> packet, CancellationToken ct)
    {
        int started = Environment.CurrentManagedThreadId;
        int sent = await ring.SendAsync(subscriberFd, packet, MessageFlags.None, ct);
        if (started != Environment.CurrentManagedThreadId)
        {
            Interlocked.Increment(ref _hops);
        }

        trace.WriteLine($"forwarded {sent} bytes, started on thread {started}");
        return sent;
    }
}
