// The second half of the array is written while a read fills only the first half.
using System;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus;

internal static class DoubleBuffer
{
    public static async Task<int> ReadFrontFillBackAsync(IoRing ring, int fd, CancellationToken cancellationToken)
    {
        byte[] front = new byte[4096];
        byte[] back = new byte[4096];
        ValueTask<int> read = ring.ReadAsync(fd, front, 0, cancellationToken);
        back.AsSpan().Fill(0);
        return await read;
    }
}
