// A broker leader appends a produced batch to its segment and sends the same bytes to a follower at the same time:
// both operations only read the array, and the pooled batch goes back in a finally after Task.WhenAll, which ends
// only when both have ended (also when one of them failed).
using System;
using System.Buffers;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round14.BufferInFlight.ReplicationSharesBatch;

public sealed class PartitionLeader(IoRing ring, int segmentFd, int followerSocket)
{
    private long _tail;

    public async Task<int> AppendAndReplicateAsync(byte[] batch, int length, CancellationToken ct)
    {
        Task<int> replicate = ring.SendAsync(followerSocket, batch.AsMemory(0, length), MessageFlags.None, ct).AsTask();
        Task write = ring.WriteAsync(segmentFd, batch.AsMemory(0, length), _tail, ct).AsTask();
        try
        {
            await Task.WhenAll(write, replicate);
            _tail += length;
            return await replicate;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(batch);
        }
    }
}
