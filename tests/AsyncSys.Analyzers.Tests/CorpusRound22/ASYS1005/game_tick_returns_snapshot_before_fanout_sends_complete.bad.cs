// A UDP game server serialises one world snapshot per tick into a pooled buffer and sends it to every connected
// client. The sends' tasks are collected in a list, but the snapshot goes back to the pool before the list is awaited:
// the next tick (or another room) rents the same array and overwrites it while slow clients' sends still read it, so
// those clients receive a mix of two ticks and desync.
using System;
using System.Buffers;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round22.InFlight.TickSnapshotReturnedBeforeFanout;

public interface IWorld
{
    int WriteSnapshot(Span<byte> destination);
}

public sealed class SnapshotBroadcaster(IoRing ring, IWorld world)
{
    public async Task BroadcastAsync(IReadOnlyList<int> clientFds, CancellationToken ct)
    {
        byte[] snapshot = ArrayPool<byte>.Shared.Rent(1200);
        int length = world.WriteSnapshot(snapshot);
        var sends = new List<Task<int>>(clientFds.Count);
        foreach (int fd in clientFds)
        {
            sends.Add(ring.SendAsync(fd, snapshot.AsMemory(0, length), MessageFlags.DontWait, ct).AsTask());
        }

        /*~ASYS1005*/ArrayPool<byte>.Shared.Return(snapshot);
        await Task.WhenAll(sends);
    }
}
