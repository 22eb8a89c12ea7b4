using System;
using System.Threading.Tasks;
using AsyncSys;

namespace Round4.InFlight.Checksum;

internal static class Frames
{
    private static byte Checksum(ReadOnlySpan<byte> data)
    {
        byte sum = 0;
        foreach (byte b in data)
        {
            sum ^= b;
        }

        return sum;
    }

    public static async Task<int> SendFrameAsync(IoRing ring, int fd, Memory<byte> frame)
    {
        ValueTask<int> send = ring.SendAsync(fd, frame);
        /*~ASYS1005*/frame.Span[^1] = Checksum(frame.Span[..^1]);   // the kernel may have sent the old last byte already
        return await send;
    }
}
