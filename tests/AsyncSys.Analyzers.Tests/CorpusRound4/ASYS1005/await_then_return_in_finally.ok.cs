using System;
using System.Buffers;
using System.Threading.Tasks;
using AsyncSys;

namespace Round4.InFlight.ReturnAfter;

internal static class Lines
{
    public static async Task<int> CountLinesAsync(IoRing ring, int fd, long offset)
    {
        byte[] rented = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            int n = await ring.ReadAsync(fd, rented, offset);
            return rented.AsSpan(0, n).Count((byte)'\n');
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }
}
