// The list is a local of the call.
using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus;

internal static class PendingWrites
{
    public static async Task<int> FlushAsync(IoRing ring, int fd, long offset, CancellationToken cancellationToken)
    {
        var offsets = new List<long>();
        offsets.Add(offset);
        await ring.FdatasyncAsync(fd, cancellationToken);
        return offsets.Count;
    }
}
