// A proxy's upstream warm-up runs a Parallel.ForEachAsync body that takes the ThreadLocal<Random> jitter once before its connect loop and draws the retry delay from it in a filtered catch after the awaited connect failed.
using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus45.ProxyWarmupBad;

internal sealed record Upstream(int Socket, ReadOnlyMemory<byte> Address);

internal sealed class UpstreamWarmer(IoRing ring)
{
    private static readonly ThreadLocal<Random> s_jitter = new(() => new Random());

    public Task WarmAsync(IReadOnlyList<Upstream> upstreams, CancellationToken ct) =>
        Parallel.ForEachAsync(upstreams, ct, async (upstream, token) =>
        {
            Random jitter = s_jitter.Value!;
            for (int attempt = 0; attempt < 3; attempt++)
            {
                try
                {
                    await ring.ConnectAsync(upstream.Socket, upstream.Address, token).ConfigureAwait(false);
                    return;
                }
                catch (ErrnoException e) when (e.Errno is 111 or 113)
                {
                    int delay = /*~ASYS1002*/jitter.Next(50, 250) << attempt;
                    await Task.Delay(delay, token).ConfigureAwait(false);
                }
            }
        });
}
