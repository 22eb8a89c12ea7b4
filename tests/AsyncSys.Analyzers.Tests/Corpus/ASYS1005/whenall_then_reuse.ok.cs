// Two reads into two halves run together; the buffer is returned after both were awaited.
using System;
using System.Buffers;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus;

internal static class ParallelRead
{
    public static async Task<int> ReadBothAsync(IoRing ring, int fd, long a, long b, CancellationToken cancellationToken)
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent(8192);
        try
        {
            Task<int> first = ring.ReadAsync(fd, buffer.AsMemory(0, 4096), a, cancellationToken).AsTask();
            Task<int> second = ring.ReadAsync(fd, buffer.AsMemory(4096, 4096), b, cancellationToken).AsTask();
            int[] counts = await Task.WhenAll(first, second);
            return counts[0] + counts[1];
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
