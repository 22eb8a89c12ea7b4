using System;
using System.Threading.Tasks;
using AsyncSys;

namespace Round4.PerThread.HopLog;

internal static class HopTracer
{
    public static async Task SyncTracedAsync(IoRing ring, int fd)
    {
        int started = Environment.CurrentManagedThreadId;
        await ring.FsyncAsync(fd);
        bool hopped = started != Environment.CurrentManagedThreadId;
        Console.WriteLine($"fsync started on thread {started}, hopped: {hopped}");
    }
}
