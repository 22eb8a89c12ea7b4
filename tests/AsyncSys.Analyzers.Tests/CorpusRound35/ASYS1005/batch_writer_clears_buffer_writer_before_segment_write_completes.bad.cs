// The batcher encodes records into an ArrayBufferWriter, starts the segment write of WrittenMemory and clears the writer
// to start the next batch before awaiting the write. Clear zeroes the written bytes: the segment gets zeros in place of
// the batch.
using System;
using System.Buffers;
using System.Collections.Generic;
using System.Text;
using System.Threading.Tasks;
using AsyncSys;

namespace Round35.InFlight.BatchWriterClearedEarly;

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
        ValueTask write = ring.WriteAsync(segmentFd, _batch.WrittenMemory, _offset);
        /*~ASYS1005*/_batch.Clear();
        await write;
        _offset += length;
    }
}
