using System;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round5.PerThread.HopCounter;

internal static class HopStats
{
    private static long s_hops;

    public static long Hops => Interlocked.Read(ref s_hops);

    public static async Task<int> ReadCountingHopsAsync(IoRing ring, int fd, Memory<byte> buffer, long offset)
    {
        int before = Environment.CurrentManagedThreadId;
        int n = await ring.ReadAsync(fd, buffer, offset).ConfigureAwait(false);
        if (before is var started && started != Environment.CurrentManagedThreadId)   // compared with the current thread
        {
            Interlocked.Increment(ref s_hops);
        }

        return n;
    }
}
