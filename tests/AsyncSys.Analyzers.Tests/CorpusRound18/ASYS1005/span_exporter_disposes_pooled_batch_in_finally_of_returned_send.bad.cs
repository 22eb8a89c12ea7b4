// A span exporter serializes a batch into memory from MemoryPool and hands the socket send back to its caller (a
// ValueTask, to stay allocation-free), disposing the pooled memory in a finally. The finally runs as the method returns,
// while the send is still reading the batch: the pool gives the memory to the next batch being serialized, and the
// collector receives spans of two batches mixed, failing protobuf decoding.
using System;
using System.Buffers;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round18.InFlight.ExporterDisposesBatchEarly;

public sealed class SpanBatchSender(IoRing ring, int collectorSocket)
{
    public ValueTask<int> SendAsync(ReadOnlySpan<byte> serializedSpans, CancellationToken ct)
    {
        IMemoryOwner<byte> owner = MemoryPool<byte>.Shared.Rent(serializedSpans.Length);
        try
        {
            serializedSpans.CopyTo(owner.Memory.Span);
            return ring.SendAsync(collectorSocket, owner.Memory[..serializedSpans.Length], MessageFlags.NoSignal, ct);
        }
        finally
        {
            /*~ASYS1005*/owner.Dispose();
        }
    }
}
