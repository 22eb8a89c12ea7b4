using System;
using System.Buffers.Binary;
using System.Threading.Tasks;
using AsyncSys;

namespace Round4.InFlight.HeaderFirst;

internal static class Records
{
    public static async Task<long> AppendAsync(IoRing ring, int fd, ReadOnlyMemory<byte> payload, long offset)
    {
        byte[] frame = new byte[8 + payload.Length];
        BinaryPrimitives.WriteInt32LittleEndian(frame, payload.Length);
        BinaryPrimitives.WriteInt32LittleEndian(frame.AsSpan(4), ~payload.Length);
        payload.Span.CopyTo(frame.AsSpan(8));
        ValueTask write = ring.WriteAsync(fd, frame, offset);
        await write;
        Array.Clear(frame);   // after the write ended
        return offset + frame.Length;
    }
}
