// The producer made right with two halves of one array: the batch in flight is the first half, the next record is framed
// in the second half, which the send never reads.
using System;
using System.Buffers.Binary;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round18.InFlight.ProducerFramesOtherHalf;

public sealed class RecordBatchProducer(IoRing ring, int brokerSocket)
{
    private readonly byte[] _batches = new byte[32 * 1024];

    public async Task<int> SendAndStartNextAsync(int nextRecordLength, CancellationToken ct)
    {
        ValueTask<int> send = ring.SendAsync(brokerSocket, _batches.AsMemory(0, 16 * 1024), MessageFlags.NoSignal, ct);
        BinaryPrimitives.WriteInt32BigEndian(_batches.AsSpan(16 * 1024, 16 * 1024), nextRecordLength);
        return await send;
    }
}
