// The span exporter made right: the send is awaited inside the try, so the pooled batch goes back only after the kernel
// has finished reading it.
using System;
using System.Buffers;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round18.InFlight.ExporterAwaitsSend;

public sealed class SpanBatchSender(IoRing ring, int collectorSocket)
{
    public async ValueTask<int> SendAsync(ReadOnlyMemory<byte> serializedSpans, CancellationToken ct)
    {
        IMemoryOwner<byte> owner = MemoryPool<byte>.Shared.Rent(serializedSpans.Length);
        try
        {
            serializedSpans.CopyTo(owner.Memory);
            return await ring.SendAsync(collectorSocket, owner.Memory[..serializedSpans.Length], MessageFlags.NoSignal, ct);
        }
        finally
        {
            owner.Dispose();
        }
    }
}
