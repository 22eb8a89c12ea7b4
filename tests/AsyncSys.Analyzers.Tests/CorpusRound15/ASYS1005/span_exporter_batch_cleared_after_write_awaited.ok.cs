// The spool flush, written right: the batch array is cleared for reuse only after the write that reads it completed.
using System;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round15.BufferInFlight.SpanBatchClearedAfter;

public sealed class SpanSpool(IoRing ring, int spoolFd)
{
    private readonly byte[] _batch = new byte[64 * 1024];
    private long _offset;

    public async Task FlushAsync(int length, CancellationToken ct)
    {
        ValueTask write = ring.WriteAsync(spoolFd, _batch.AsMemory(0, length), _offset, ct);
        _offset += length;
        await write;
        Array.Clear(_batch, 0, length);
    }
}
