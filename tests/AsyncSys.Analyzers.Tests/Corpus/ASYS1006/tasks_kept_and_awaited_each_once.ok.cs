// Several reads started together; each ValueTask is awaited exactly once.
using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus;

internal static class Batch
{
    public static async Task<int> ReadPagesAsync(IoRing ring, int fd, IReadOnlyList<Memory<byte>> pages, CancellationToken cancellationToken)
    {
        var pending = new ValueTask<int>[pages.Count];
        for (int i = 0; i < pages.Count; i++)
        {
            pending[i] = ring.ReadAsync(fd, pages[i], (long)i * 4096, cancellationToken);
        }

        int total = 0;
        foreach (ValueTask<int> read in pending)
        {
            total += await read;
        }

        return total;
    }
}
