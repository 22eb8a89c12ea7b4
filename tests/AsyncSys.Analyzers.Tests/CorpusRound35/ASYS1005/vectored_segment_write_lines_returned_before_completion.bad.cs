// The batcher writes a batch of pooled line buffers to the spill segment with one vectored write, then returns every
// line buffer to the pool before awaiting the write. The kernel gathers from the iovecs while the pool hands the
// arrays to the tailers, which fill them with the next lines: the segment stores a mix of old and new lines.
using System;
using System.Buffers;
using System.Collections.Generic;
using System.Threading.Tasks;
using AsyncSys;

namespace Round35.InFlight.VectoredLinesReturnedEarly;

public readonly record struct PooledLine(byte[] Buffer, int Length);

public sealed class VectoredBatcher(IoRing ring, int segmentFd)
{
    private long _offset;

    public async Task WriteBatchAsync(List<PooledLine> lines)
    {
        var segments = new List<ReadOnlyMemory<byte>>(lines.Count);
        foreach (PooledLine line in lines)
        {
            segments.Add(line.Buffer.AsMemory(0, line.Length));
        }

        ValueTask<int> write = ring.WriteAtMostAsync(segmentFd, segments, _offset);
        foreach (PooledLine line in lines)
        {
            /*~ASYS1005*/ArrayPool<byte>.Shared.Return(line.Buffer);
        }

        _offset += await write;
    }
}
