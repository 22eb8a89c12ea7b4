using System;
using System.Buffers;
using System.Threading.Tasks;
using AsyncSys;

namespace Round4.InFlight.WhenAll;

internal static class Mirror
{
    public static async Task<bool> SameAsync(IoRing ring, int left, int right, long offset, int length)
    {
        byte[] a = ArrayPool<byte>.Shared.Rent(length);
        byte[] b = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            Task<int> readA = ring.ReadAsync(left, a.AsMemory(0, length), offset).AsTask();
            Task<int> readB = ring.ReadAsync(right, b.AsMemory(0, length), offset).AsTask();
            int[] counts = await Task.WhenAll(readA, readB);
            return counts[0] == counts[1] && a.AsSpan(0, counts[0]).SequenceEqual(b.AsSpan(0, counts[1]));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(a);
            ArrayPool<byte>.Shared.Return(b);
        }
    }
}
