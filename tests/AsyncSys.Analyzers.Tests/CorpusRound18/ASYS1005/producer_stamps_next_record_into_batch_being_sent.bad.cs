// A Kafka-like producer sends a record batch to the broker and, to save a round of copying, starts framing the next
// record (a big-endian length prefix at the start of the batch array) while the send is still running. The send reads the
// batch from user memory until it completes, so the broker may receive the new length in place of the old one: a corrupt
// batch, rejected (CORRUPT_MESSAGE) or, worse, parsed as a different record.
using System;
using System.Buffers.Binary;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round18.InFlight.ProducerStampsBatchInFlight;

public sealed class RecordBatchProducer(IoRing ring, int brokerSocket)
{
    private readonly byte[] _batch = new byte[16 * 1024];

    public async Task<int> SendAndStartNextAsync(int batchLength, int nextRecordLength, CancellationToken ct)
    {
        ValueTask<int> send = ring.SendAsync(brokerSocket, _batch.AsMemory(0, batchLength), MessageFlags.NoSignal, ct);
        /*~ASYS1005*/BinaryPrimitives.WriteInt32BigEndian(_batch, nextRecordLength);
        return await send;
    }
}
