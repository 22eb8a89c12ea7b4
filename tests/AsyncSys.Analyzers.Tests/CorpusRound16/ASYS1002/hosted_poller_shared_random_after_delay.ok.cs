// The same poller draws its jitter from Random.Shared, which is thread-safe and not tied to a thread.
using System;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round16.ThreadState.PollerSharedRandom;

public sealed class WatchPoller(IoRing ring, int inotifyFd)
{
    public async Task RunAsync(CancellationToken ct)
    {
        int backoff = 50;
        while (!ct.IsCancellationRequested)
        {
            PollEvents ready = await ring.PollAsync(inotifyFd, PollEvents.In, ct);
            if (ready != 0)
            {
                backoff = 50;
                continue;
            }

            backoff = Math.Min(backoff * 2, 5000) + Random.Shared.Next(0, 25);
            await Task.Delay(backoff, ct);
        }
    }
}
