using System;
using System.Buffers;
using System.Threading.Tasks;
using AsyncSys;

namespace Round4.InFlight.UsingAwaited;

internal static class Digest
{
    private static uint Sum(ReadOnlySpan<byte> data)
    {
        uint sum = 0;
        foreach (byte b in data)
        {
            sum = (sum * 31) + b;
        }

        return sum;
    }

    public static async Task<uint> SumBlockAsync(IoRing ring, int fd, long offset)
    {
        using (IMemoryOwner<byte> owner = MemoryPool<byte>.Shared.Rent(4096))
        {
            int n = await ring.ReadAsync(fd, owner.Memory, offset);
            return Sum(owner.Memory.Span[..n]);
        }
    }
}
