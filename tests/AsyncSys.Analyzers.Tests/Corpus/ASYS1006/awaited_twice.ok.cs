// The result is kept in a local after one await.
using System;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus;

internal static class Tail
{
    public static async Task<int> ReadChunkAsync(IoRing ring, int fd, Memory<byte> chunk, long offset, CancellationToken cancellationToken)
    {
        int n = await ring.ReadAsync(fd, chunk, offset, cancellationToken);
        Console.WriteLine("read " + n + " bytes at " + offset);
        return n;
    }
}
