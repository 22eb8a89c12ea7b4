// Reads kept in an array are summed with one await each, then awaited again to find the one that hit the end.
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

        long total = 0;
        foreach (ValueTask<int> read in reads)
        {
            total += await read;
        }

        bool eof = false;
        foreach (ValueTask<int> read in reads)
        {
            eof |= /*~ASYS1006*/await read == 0;
        }

        return (total, eof);
    }
}
