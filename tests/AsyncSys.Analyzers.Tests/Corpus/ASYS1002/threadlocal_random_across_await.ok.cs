// The ThreadLocal is read where it is used, after the await.
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
        PollEvents events = await ring.PollAsync(fd, PollEvents.In, cancellationToken);
        int jitter = s_random.Value!.Next(0, 20);
        await ring.DelayAsync(TimeSpan.FromMilliseconds(jitter), cancellationToken);
        return (int)events;
    }
}
