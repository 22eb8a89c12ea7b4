// Each read is awaited once and its count kept; the end is found from the counts.
using System;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round2;

internal static class Chunks
{
    public static async Task<(long Total, bool Eof)> ReadAsync(IoRing ring, int fd, byte[][] buffers, CancellationToken cancellationToken)
    {
        var reads = new ValueTask<int>[buffers.Length];
        for (int i = 0; i < buffers.Length; i++)
        {
            reads[i] = ring.ReadAsync(fd, buffers[i], (long)i * buffers[i].Length, cancellationToken);
        }

        var counts = new int[reads.Length];
        for (int i = 0; i < reads.Length; i++)
        {
            counts[i] = await reads[i];
        }

        long total = 0;
        bool eof = false;
        foreach (int count in counts)
        {
            total += count;
            eof |= count == 0;
        }

        return (total, eof);
    }
}
