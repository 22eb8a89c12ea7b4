// A proxy's upstream warm-up runs a Parallel.ForEachAsync body that reads the ThreadLocal<Random> jitter where it draws the retry delay, in a filtered catch after the awaited connect failed.
using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus45.ProxyWarmupOk;

internal sealed record Upstream(int Socket, ReadOnlyMemory<byte> Address);

internal sealed class UpstreamWarmer(IoRing ring)
{
    private static readonly ThreadLocal<Random> s_jitter = new(() => new Random());

    public Task WarmAsync(IReadOnlyList<Upstream> upstreams, CancellationToken ct) =>
        Parallel.ForEachAsync(upstreams, ct, async (upstream, token) =>
        {
            for (int attempt = 0; attempt < 3; attempt++)
            {
                try
                {
                    await ring.ConnectAsync(upstream.Socket, upstream.Address, token).ConfigureAwait(false);
                    return;
                }
                catch (ErrnoException e) when (e.Errno is 111 or 113)
                {
                    int delay = s_jitter.Value!.Next(50, 250) << attempt;
                    await Task.Delay(delay, token).ConfigureAwait(false);
                }
            }
        });
}
