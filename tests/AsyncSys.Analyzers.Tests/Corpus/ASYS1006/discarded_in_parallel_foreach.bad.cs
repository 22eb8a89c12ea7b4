// A synchronous Parallel.ForEach body starts one fsync per file and forgets each.
using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus;

internal static class Flusher
{
    public static void FlushAll(IoRing ring, IReadOnlyList<int> fds)
    {
        Parallel.ForEach(fds, fd =>
        {
            /*~ASYS1006*/ring.FdatasyncAsync(fd);
        });
    }
}
