// The same retrying producer that starts a new send on each attempt and awaits each one once.
using System;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round39.Unobserved.ProducerRetryNewSend;

public sealed class RetryingProducer(IoRing ring, int socket)
{
    private const int EAgain = 11;

    public async Task<int> SendWithRetryAsync(ReadOnlyMemory<byte> batch, CancellationToken ct)
    {
        for (int attempt = 0; ; attempt++)
        {
            try
            {
                return await ring.SendAsync(socket, batch, MessageFlags.NoSignal, ct);
            }
            catch (ErrnoException e) when (e.Errno == EAgain && attempt < 3)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(5 << attempt), ct);
            }
        }
    }
}
