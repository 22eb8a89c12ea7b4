// Flush on exit: the shipper starts the segment's fdatasync, drains the upload queue, awaits the fdatasync, and sets a
// flag; a finally awaits the fdatasync again when the flag is not set, "in case draining threw". When the fdatasync
// itself fails, the flag stays false and the finally awaits the same ValueTask a second time: a recycled source.
using System;
using System.Threading.Tasks;
using AsyncSys;

namespace Round35.Results.FlushAwaitedAgainInFinally;

public sealed class ShutdownFlusher(IoRing ring, int segmentFd, Func<Task> drainUploads)
{
    public async Task StopAsync()
    {
        ValueTask sync = ring.FdatasyncAsync(segmentFd);
        bool synced = false;
        try
        {
            await drainUploads();
            await sync;
            synced = true;
        }
        finally
        {
            if (!synced)
            {
                /*~ASYS1006*/await sync;
            }
        }
    }
}
