// The spill queue writes a framed record (4-byte CRC, 4-byte length, body) to the segment with pwrite and, to overlap
// work, computes the CRC and patches it into the frame after starting the write. The kernel may already have copied
// the zero CRC: on replay after a crash the record fails its check and is dropped.
using System;
using System.Buffers.Binary;
using System.Threading.Tasks;
using AsyncSys;

namespace Round35.InFlight.SpillCrcPatchedLate;

public sealed class SpillWriter(IoRing ring, int segmentFd)
{
    private long _tail;

    public async Task AppendAsync(byte[] frame, int length)
    {
        BinaryPrimitives.WriteInt32LittleEndian(frame.AsSpan(4, 4), length - 8);
        ValueTask write = ring.WriteAsync(segmentFd, frame.AsMemory(0, length), _tail);
        /*~ASYS1005*/BinaryPrimitives.WriteUInt32LittleEndian(frame.AsSpan(0, 4), Checksum(frame.AsSpan(4, length - 4)));
        await write;
        _tail += length;
    }

    private static uint Checksum(ReadOnlySpan<byte> data)
    {
        uint sum = 2166136261;
        foreach (byte b in data)
        {
            sum = (sum ^ b) * 16777619;
        }

        return sum;
    }
}
