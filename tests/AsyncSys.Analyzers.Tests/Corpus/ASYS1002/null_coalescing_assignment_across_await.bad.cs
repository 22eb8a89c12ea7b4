// `??=` on a [ThreadStatic] field before the await, and the field read again after it.
using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus;

internal static class PendingWrites
{
    [ThreadStatic]
    private static List<long>? t_offsets;

    public static async Task<int> FlushAsync(IoRing ring, int fd, long offset, CancellationToken cancellationToken)
    {
        t_offsets ??= new List<long>();
        t_offsets.Add(offset);
        await ring.FdatasyncAsync(fd, cancellationToken);
        return /*~ASYS1002*/t_offsets.Count;
    }
}
