// A hosted file-watcher service backs off with jitter. It keeps one Random per thread in a [ThreadStatic] field (Random
// is not thread-safe) and takes this thread's instance before the ring wait; after the await the loop may run on
// another pool thread, where it keeps calling Next on the first thread's Random while that thread's own code uses it
// too: Random's state gets corrupted and starts returning 0 for every call, so every watcher retries in lock-step.
using System;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round16.ThreadState.PollerThreadStaticRandom;

public sealed class WatchPoller(IoRing ring, int inotifyFd)
{
    [ThreadStatic]
    private static Random? t_random;

    public async Task RunAsync(CancellationToken ct)
    {
        Random random = t_random ??= new Random();
        int backoff = 50;
        while (!ct.IsCancellationRequested)
        {
            PollEvents ready = await ring.PollAsync(inotifyFd, PollEvents.In, ct);
            if (ready != 0)
            {
                backoff = 50;
                continue;
            }

            backoff = Math.Min(backoff * 2, 5000) + /*~ASYS1002*/random.Next(0, 25);
            await Task.Delay(backoff, ct);
        }
    }
}
