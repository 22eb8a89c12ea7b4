// The same append with the switch expression awaited: acks=all producers are answered only after fdatasync completed.
using System;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round39.Unobserved.AcksAllSyncAwaited;

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
        await (acks switch { Acks.All => ring.FdatasyncAsync(segmentFd, ct), _ => ValueTask.CompletedTask });
        return position + batch.Length;
    }
}
