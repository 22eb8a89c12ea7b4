// An MQTT-like broker throttles publishers per delivery thread: before forwarding it records the in-flight packet
// under the current thread id, awaits the ring send, and removes the entry in a finally. After the await the finally
// runs on another thread but removes by the id captured before it: the id is reused by the next publish started on
// the first thread, whose entry is removed early, and the throttle lets a burst through.
using System;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round22.PerThread.BrokerThreadKeyAfterSend;

public sealed class Forwarder(IoRing ring)
{
    private static readonly ConcurrentDictionary<int, ushort> s_inFlightByThread = new();

    public async Task<int> ForwardAsync(int subscriberFd, ReadOnlyMemory<byte> packet, ushort packetId, CancellationToken ct)
    {
        int owner = Environment.CurrentManagedThreadId;
        if (!s_inFlightByThread.TryAdd(owner, packetId))
        {
            return 0;
        }

        try
        {
            return await ring.SendAsync(subscriberFd, packet, MessageFlags.None, ct);
        }
        finally
        {
            s_inFlightByThread.TryRemove(/*~ASYS1002*/owner, out _);
        }
    }
}
