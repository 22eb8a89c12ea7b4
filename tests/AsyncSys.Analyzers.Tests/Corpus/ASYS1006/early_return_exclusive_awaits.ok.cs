// Two awaits of one task on paths that exclude each other: the first branch returns.
using System;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus;

internal static class Reader
{
    public static async Task<int> ReadAsync(IoRing ring, int fd, Memory<byte> buffer, bool trace, CancellationToken cancellationToken)
    {
        ValueTask<int> read = ring.ReadAsync(fd, buffer, 0, cancellationToken);
        if (!trace)
        {
            return await read;
        }

        long started = Environment.TickCount64;
        int n = await read;
        Console.WriteLine($"read {n} bytes in {Environment.TickCount64 - started} ms");
        return n;
    }
}
