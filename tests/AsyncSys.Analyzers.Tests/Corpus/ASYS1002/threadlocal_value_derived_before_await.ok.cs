// Only a number drawn from the per-thread Random crosses the await.
using System;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus;

internal sealed class Backoff(IoRing ring)
{
    private static readonly ThreadLocal<Random> s_random = new(() => new Random());

    public async Task<int> PollWithJitterAsync(int fd, CancellationToken cancellationToken)
    {
        int jitter = s_random.Value!.Next(0, 20);
        PollEvents events = await ring.PollAsync(fd, PollEvents.In, cancellationToken);
        await ring.DelayAsync(TimeSpan.FromMilliseconds(jitter), cancellationToken);
        return (int)events;
    }
}
