// The upload retry loop draws its backoff jitter from a ThreadLocal<Random> on every attempt, after awaits: only a
// number is taken, from the generator of the thread the attempt runs on.
using System;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round35.ThreadState.BackoffJitter;

public sealed class UploadWorker(IoRing ring, int socketFd)
{
    private static readonly ThreadLocal<Random> s_jitter = new(() => new Random());

    public async Task<int> SendAsync(ReadOnlyMemory<byte> batch, CancellationToken ct)
    {
        TimeSpan backoff = TimeSpan.FromMilliseconds(100);
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                return await ring.SendAsync(socketFd, batch, MessageFlags.None, ct);
            }
            catch (ErrnoException) when (attempt < 6)
            {
                int jitterMs = s_jitter.Value!.Next(0, 50);
                await Task.Delay(backoff + TimeSpan.FromMilliseconds(jitterMs), ct);
                backoff *= 2;
            }
        }
    }
}
