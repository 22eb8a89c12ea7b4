// The same ValueTask is awaited for the log line and again for the return value.
using System;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus;

internal static class Tail
{
    public static async Task<int> ReadChunkAsync(IoRing ring, int fd, Memory<byte> chunk, long offset, CancellationToken cancellationToken)
    {
        ValueTask<int> read = ring.ReadAsync(fd, chunk, offset, cancellationToken);
        Console.WriteLine("read " + await read + " bytes at " + offset);
        return /*~ASYS1006*/await read;
    }
}
