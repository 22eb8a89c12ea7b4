// The shipper starts the fdatasync, drains the uploads, and awaits the fdatasync exactly once, in the finally.
using System;
using System.Threading.Tasks;
using AsyncSys;

namespace Round35.Results.FlushAwaitedOnceInFinally;

public sealed class ShutdownFlusher(IoRing ring, int segmentFd, Func<Task> drainUploads)
{
    public async Task StopAsync()
    {
        ValueTask sync = ring.FdatasyncAsync(segmentFd);
        try
        {
            await drainUploads();
        }
        finally
        {
            await sync;
        }
    }
}
