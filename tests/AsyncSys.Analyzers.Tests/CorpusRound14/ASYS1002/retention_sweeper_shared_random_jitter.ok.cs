// The same sweeper with Random.Shared, which is safe to use from any thread: the jitter is asked for where it is
// used, on whichever thread the loop runs after each delete.
using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round14.PerThread.RetentionSharedRandom;

public sealed class RetentionSweeper(IoRing ring, int logDirFd)
{
    public async Task SweepAsync(IReadOnlyList<string> expiredSegments, CancellationToken ct)
    {
        foreach (string segment in expiredSegments)
        {
            await ring.SubmitAsync(RingRequest.UnlinkAt(logDirFd, segment + ".log", AtFlags.None), ct);
            await ring.SubmitAsync(RingRequest.UnlinkAt(logDirFd, segment + ".index", AtFlags.None), ct);
            await ring.DelayAsync(TimeSpan.FromMilliseconds(5 + Random.Shared.Next(20)), ct);
        }
    }
}
