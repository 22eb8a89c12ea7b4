using System;
using System.Buffers.Binary;
using System.Threading.Tasks;
using AsyncSys;

namespace Round5.InFlight.MemoryExtension;

internal static class FrameExtensions
{
    public static void StampSequence(this Memory<byte> frame, uint sequence) =>
        BinaryPrimitives.WriteUInt32LittleEndian(frame.Span, sequence);
}

internal sealed class SegmentWriter(IoRing ring, int fd)
{
    private uint _sequence;
    private long _offset;

    public async Task AppendAsync(Memory<byte> frame)
    {
        frame.StampSequence(_sequence++);
        ValueTask write = ring.WriteAsync(fd, frame, _offset);
        /*~ASYS1005*/frame.StampSequence(_sequence);   // pre-stamps the next frame into the bytes still being written
        await write;
        _offset += frame.Length;
    }
}
