// A reliable-UDP retransmit timer spreads resends with jitter drawn from a ThreadLocal<Random> (Random is not thread
// safe): each iteration draws from the generator of the thread it runs on, and only the number crosses the await, so
// no per-thread object is used on another thread.
using System;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round33.PerThread.RetransmitJitter;

public interface IUnackedPackets
{
    ReadOnlyMemory<byte> Oldest();
}

public sealed class RetransmitTimer(IoRing ring, int fd, IUnackedPackets unacked, TimeSpan rto)
{
    private static readonly ThreadLocal<Random> s_random = new(() => new Random());

    public async Task RunAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            int jitterMs = s_random.Value!.Next(0, 20);
            await ring.DelayAsync(rto + TimeSpan.FromMilliseconds(jitterMs), ct);
            ReadOnlyMemory<byte> packet = unacked.Oldest();
            if (!packet.IsEmpty)
            {
                await ring.SendAsync(fd, packet, MessageFlags.None, ct);
            }
        }
    }
}
