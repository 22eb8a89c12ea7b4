// A ThreadLocal<Random> instance taken before the await and used after it, racing with its own thread.
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
        Random random = s_random.Value!;
        PollEvents events = await ring.PollAsync(fd, PollEvents.In, cancellationToken);
        int jitter = /*~ASYS1002*/random.Next(0, 20);
        await ring.DelayAsync(TimeSpan.FromMilliseconds(jitter), cancellationToken);
        return (int)events;
    }
}
