// Parallel.ForEachAsync awaits each fsync.
using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus;

internal static class Flusher
{
    public static Task FlushAllAsync(IoRing ring, IReadOnlyList<int> fds)
    {
        return Parallel.ForEachAsync(fds, async (fd, cancellationToken) =>
        {
            await ring.FdatasyncAsync(fd, cancellationToken);
        });
    }
}
