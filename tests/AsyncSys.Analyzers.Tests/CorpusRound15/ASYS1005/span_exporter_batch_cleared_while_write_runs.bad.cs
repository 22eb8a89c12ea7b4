// A tracing exporter serializes finished spans into a pooled batch array and appends it to its spool file on the ring.
// To have the array ready for the next batch it clears it right after starting the write, before awaiting it: the ring
// copies from the array when the write is carried out, so the spool gets zeros (or a torn batch) and the collector
// drops the records as corrupt.
using System;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round15.BufferInFlight.SpanBatchClearedEarly;

public sealed class SpanSpool(IoRing ring, int spoolFd)
{
    private readonly byte[] _batch = new byte[64 * 1024];
    private long _offset;

    public async Task FlushAsync(int length, CancellationToken ct)
    {
        ValueTask write = ring.WriteAsync(spoolFd, _batch.AsMemory(0, length), _offset, ct);
        _offset += length;
        Array.Clear(/*~ASYS1005*/_batch, 0, length);
        await write;
    }
}
