// Reads kept in an array are each awaited once before the pooled buffer goes back.
using System;
using System.Buffers;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round2;

internal static class Striped
{
    public static async Task<long> ReadStripesAsync(IoRing ring, int fd, int stripes, int stripeSize, CancellationToken cancellationToken)
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent(stripes * stripeSize);
        var reads = new ValueTask<int>[stripes];
        for (int i = 0; i < stripes; i++)
        {
            reads[i] = ring.ReadAsync(fd, buffer.AsMemory(i * stripeSize, stripeSize), (long)i * stripeSize, cancellationToken);
        }

        long total = 0;
        foreach (ValueTask<int> read in reads)
        {
            total += await read;
        }

        ArrayPool<byte>.Shared.Return(buffer);
        return total;
    }
}
