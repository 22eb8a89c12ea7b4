// A partition leader appends a produced batch and, for acks=all producers, should make it durable before answering. The
// fdatasync is picked by a switch expression whose value is discarded: the producer is acknowledged while the data may
// still be only in the page cache, and an EIO from the sync is never seen, so a power loss loses acknowledged messages.
using System;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round39.Unobserved.AcksAllSyncDiscarded;

public enum Acks
{
    None,
    Leader,
    All,
}

public sealed class PartitionWriter(IoRing ring, int segmentFd)
{
    public async Task<long> AppendAsync(ReadOnlyMemory<byte> batch, long position, Acks acks, CancellationToken ct)
    {
        await ring.WriteAsync(segmentFd, batch, position, ct);
        /*~ASYS1006*/_ = acks switch { Acks.All => ring.FdatasyncAsync(segmentFd, ct), _ => ValueTask.CompletedTask };
        return position + batch.Length;
    }
}
