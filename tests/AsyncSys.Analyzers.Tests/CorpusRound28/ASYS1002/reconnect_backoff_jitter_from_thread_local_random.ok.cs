// A Redis connection's reconnect loop draws backoff jitter from a ThreadLocal<Random> (Random is not thread-safe) in
// every attempt, between awaits. Each draw only produces a number on the spot from the generator of the thread running
// that attempt; nothing taken from the per-thread object is kept across an await.
using System;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round28.PerThread.ReconnectJitter;

public sealed class Reconnector(IoRing ring, Func<CancellationToken, ValueTask<int>> dial)
{
    private static readonly ThreadLocal<Random> s_jitter = new(() => new Random());

    public async Task<int> ReconnectAsync(CancellationToken ct)
    {
        TimeSpan backoff = TimeSpan.FromMilliseconds(50);
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                return await dial(ct);
            }
            catch (ErrnoException e) when (e.Errno is 111 or 104 or 32 && attempt < 10)
            {
                int jitterMs = s_jitter.Value!.Next(0, (int)backoff.TotalMilliseconds / 2 + 1);
                await ring.DelayAsync(backoff + TimeSpan.FromMilliseconds(jitterMs), ct);
                backoff = TimeSpan.FromMilliseconds(Math.Min(backoff.TotalMilliseconds * 2, 5000));
            }
        }
    }
}
