// A Postgres-wire client stamps the Sync message's sequence into its frame at a retry label; a send that lost its race with the timeout is cancelled and awaited before the goto comes back and stamps the frame again.
using System;
using System.Buffers.Binary;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus45.PgSyncRetryOk;

internal sealed class PgSyncSender(IoRing ring, int socket, TimeSpan sendTimeout)
{
    private readonly byte[] _frame = new byte[64];

    public async Task<int> SendSyncAsync(int sequence, int length, CancellationToken ct)
    {
        int attempts = 0;
        Task<int> send;
        CancellationTokenSource attemptStop;
    attempt:
        BinaryPrimitives.WriteInt32BigEndian(_frame.AsSpan(1, 4), sequence + attempts);
        attemptStop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        send = ring.SendAsync(socket, _frame.AsMemory(0, length), MessageFlags.None, attemptStop.Token).AsTask();
        if (await Task.WhenAny(send, Task.Delay(sendTimeout, ct)).ConfigureAwait(false) != send)
        {
            attemptStop.Cancel();
            try
            {
                await send.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
            }

            attemptStop.Dispose();
            if (++attempts < 3)
            {
                goto attempt;
            }

            throw new TimeoutException("Sync was not sent in time");
        }

        attemptStop.Dispose();
        return await send.ConfigureAwait(false);
    }
}
