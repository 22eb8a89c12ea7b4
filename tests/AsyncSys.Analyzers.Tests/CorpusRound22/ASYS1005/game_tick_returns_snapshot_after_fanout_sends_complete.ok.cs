// The snapshot broadcaster, made right: the pooled snapshot goes back in a finally that runs only after every
// client's send has completed (or faulted).
using System;
using System.Buffers;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round22.InFlight.TickSnapshotReturnedAfterFanout;

public interface IWorld
{
    int WriteSnapshot(Span<byte> destination);
}

public sealed class SnapshotBroadcaster(IoRing ring, IWorld world)
{
    public async Task BroadcastAsync(IReadOnlyList<int> clientFds, CancellationToken ct)
    {
        byte[] snapshot = ArrayPool<byte>.Shared.Rent(1200);
        var sends = new List<Task<int>>(clientFds.Count);
        try
        {
            int length = world.WriteSnapshot(snapshot);
            foreach (int fd in clientFds)
            {
                sends.Add(ring.SendAsync(fd, snapshot.AsMemory(0, length), MessageFlags.DontWait, ct).AsTask());
            }
        }
        finally
        {
            try
            {
                await Task.WhenAll(sends);
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(snapshot);
            }
        }
    }
}
