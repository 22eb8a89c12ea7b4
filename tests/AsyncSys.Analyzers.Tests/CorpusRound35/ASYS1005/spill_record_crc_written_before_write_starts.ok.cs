// The spill writer fills in the frame's CRC before it starts the pwrite of the frame.
using System;
using System.Buffers.Binary;
using System.Threading.Tasks;
using AsyncSys;

namespace Round35.InFlight.SpillCrcFirst;

public sealed class SpillWriter(IoRing ring, int segmentFd)
{
    private long _tail;

    public async Task AppendAsync(byte[] frame, int length)
    {
        BinaryPrimitives.WriteInt32LittleEndian(frame.AsSpan(4, 4), length - 8);
        BinaryPrimitives.WriteUInt32LittleEndian(frame.AsSpan(0, 4), Checksum(frame.AsSpan(4, length - 4)));
        ValueTask write = ring.WriteAsync(segmentFd, frame.AsMemory(0, length), _tail);
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
