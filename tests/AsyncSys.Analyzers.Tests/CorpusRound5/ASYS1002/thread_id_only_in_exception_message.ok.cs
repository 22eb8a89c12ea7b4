using System;
using System.IO;
using System.Threading.Tasks;
using AsyncSys;

namespace Round5.PerThread.MessageOnly;

internal static class Flush
{
    public static async Task FlushAsync(IoRing ring, int fd, string path)
    {
        int startedOn = Environment.CurrentManagedThreadId;
        try
        {
            await ring.FsyncAsync(fd);
        }
        catch (ErrnoException e)
        {
            throw new IOException($"fsync of {path} (started on thread {startedOn}) failed: {e.ErrnoName}", e);
        }
    }
}
