using System;
using System.Buffers.Binary;
using System.Threading.Tasks;
using AsyncSys;

namespace Round5.InFlight.MemoryExtensionOk;

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
        await write;
        frame.StampSequence(_sequence);   // the write has completed: the frame is the caller's again
        _offset += frame.Length;
    }
}
