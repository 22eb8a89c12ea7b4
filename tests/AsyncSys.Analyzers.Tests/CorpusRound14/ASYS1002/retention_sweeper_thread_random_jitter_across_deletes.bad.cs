// A broker's retention sweeper deletes expired segments (.log and .index) with ring unlinkat and spreads the deletes
// out with a small random pause so the disk's queue is not flooded. The Random comes from Jitter.ForThisThread, a
// [ThreadStatic] instance per thread, taken once before the loop. After the first await the sweeper runs on other
// pool threads while the thread that owns this Random keeps using it elsewhere; System.Random is not thread-safe, and
// concurrent Next calls corrupt its state until it returns 0 forever: every pause becomes the same 5 ms and the
// producers' jitter elsewhere stops being random.
using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round14.PerThread.RetentionThreadRandom;

internal static class Jitter
{
    [ThreadStatic]
    private static Random? t_random;

    public static Random ForThisThread => t_random ??= new Random();
}

public sealed class RetentionSweeper(IoRing ring, int logDirFd)
{
    public async Task SweepAsync(IReadOnlyList<string> expiredSegments, CancellationToken ct)
    {
        Random jitter = Jitter.ForThisThread;
        foreach (string segment in expiredSegments)
        {
            await ring.SubmitAsync(RingRequest.UnlinkAt(logDirFd, segment + ".log", AtFlags.None), ct);
            await ring.SubmitAsync(RingRequest.UnlinkAt(logDirFd, segment + ".index", AtFlags.None), ct);
            await ring.DelayAsync(TimeSpan.FromMilliseconds(5 + /*~ASYS1002*/jitter.Next(20)), ct);
        }
    }
}
