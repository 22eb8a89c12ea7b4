// The batcher awaits the segment write of WrittenMemory before clearing the writer for the next batch.
using System;
using System.Buffers;
using System.Collections.Generic;
using System.Text;
using System.Threading.Tasks;
using AsyncSys;

namespace Round35.InFlight.BatchWriterClearedAfter;

public sealed class SegmentBatcher(IoRing ring, int segmentFd)
{
    private readonly ArrayBufferWriter<byte> _batch = new(64 * 1024);
    private long _offset;

    public async Task FlushAsync(IReadOnlyList<string> records)
    {
        foreach (string record in records)
        {
            Encoding.UTF8.GetBytes(record + "\n", _batch);
        }

        int length = _batch.WrittenCount;
        await ring.WriteAsync(segmentFd, _batch.WrittenMemory, _offset);
        _batch.Clear();
        _offset += length;
    }
}
