// The upload worker retries a failed send with exponential backoff but starts the send once, before the loop, and
// awaits the same ValueTask on each attempt. The second await observes a recycled source: another operation's result,
// or an exception; the batch is never really resent.
using System;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round35.Results.RetrySameSend;

public sealed class UploadWorker(IoRing ring, int socketFd)
{
    public async Task<int> SendWithRetryAsync(ReadOnlyMemory<byte> batch, CancellationToken ct)
    {
        TimeSpan backoff = TimeSpan.FromMilliseconds(100);
        ValueTask<int> send = ring.SendAsync(socketFd, batch, MessageFlags.None, ct);
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                return /*~ASYS1006*/await send;
            }
            catch (ErrnoException) when (attempt < 5)
            {
                await Task.Delay(backoff, ct);
                backoff *= 2;
            }
        }
    }
}
