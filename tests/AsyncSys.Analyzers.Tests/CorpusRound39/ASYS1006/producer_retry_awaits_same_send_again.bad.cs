// A batch producer retries a send that failed with EAGAIN (the socket buffer full under backpressure) after a backoff,
// but the retry awaits the same ValueTask again instead of sending again. AsyncSys recycles the operation's source after
// the first await, so the second await observes another operation's result (or throws), and the batch is never resent.
using System;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round39.Unobserved.ProducerRetrySameSend;

public sealed class RetryingProducer(IoRing ring, int socket)
{
    private const int EAgain = 11;

    public async Task<int> SendWithRetryAsync(ReadOnlyMemory<byte> batch, CancellationToken ct)
    {
        ValueTask<int> send = ring.SendAsync(socket, batch, MessageFlags.NoSignal, ct);
        for (int attempt = 0; ; attempt++)
        {
            try
            {
                return /*~ASYS1006*/await send;
            }
            catch (ErrnoException e) when (e.Errno == EAgain && attempt < 3)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(5 << attempt), ct);
            }
        }
    }
}
