// A stack address used only before the await; after it the value itself is read.
using System;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus;

internal static unsafe partial class Sys
{
    [LibraryImport("libc", EntryPoint = "clock_gettime", SetLastError = true)]
    internal static partial int ClockGetTime(int clock, long* times);
}

internal static class Latency
{
    public static async Task<long> MeasureAsync(IoRing ring, int fd, CancellationToken cancellationToken)
    {
        long start = Now();
        await ring.FsyncAsync(fd, cancellationToken);
        return Now() - start;
    }

    private static unsafe long Now()
    {
        long* times = stackalloc long[2];
        Sys.ClockGetTime(1, times);
        return times[0] * 1_000_000_000 + times[1];
    }
}
