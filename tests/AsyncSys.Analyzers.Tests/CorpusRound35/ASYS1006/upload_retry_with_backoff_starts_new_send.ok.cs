// The retry loop starts a new send on every attempt and awaits each one once.
using System;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round35.Results.RetryNewSend;

public sealed class UploadWorker(IoRing ring, int socketFd)
{
    public async Task<int> SendWithRetryAsync(ReadOnlyMemory<byte> batch, CancellationToken ct)
    {
        TimeSpan backoff = TimeSpan.FromMilliseconds(100);
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                return await ring.SendAsync(socketFd, batch, MessageFlags.None, ct);
            }
            catch (ErrnoException) when (attempt < 5)
            {
                await Task.Delay(backoff, ct);
                backoff *= 2;
            }
        }
    }
}
