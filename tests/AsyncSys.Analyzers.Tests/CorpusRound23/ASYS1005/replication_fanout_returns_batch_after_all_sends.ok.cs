// A leader sends one pooled batch to two followers at once (two sends that only read it) and returns it to the pool
// after both completed; Task.WhenAll completes only when both sends did, also when one of them failed.
using System;
using System.Buffers;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round23.InFlight.ReplicationFanout;

public sealed class ReplicationFanout(IoRing ring, int firstFollowerFd, int secondFollowerFd)
{
    public async Task ReplicateAsync(ReadOnlyMemory<byte> records, CancellationToken ct)
    {
        byte[] batch = ArrayPool<byte>.Shared.Rent(records.Length);
        try
        {
            records.CopyTo(batch);
            ReadOnlyMemory<byte> payload = batch.AsMemory(0, records.Length);
            ValueTask<int> first = ring.SendAsync(firstFollowerFd, payload, 0, ct);
            ValueTask<int> second = ring.SendAsync(secondFollowerFd, payload, 0, ct);
            await Task.WhenAll(first.AsTask(), second.AsTask());
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(batch);
        }
    }
}
