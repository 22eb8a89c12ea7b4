// A Postgres-wire client stamps the Sync message's sequence into its frame at a retry label; a send that lost its race with the timeout is still in flight when the goto comes back and stamps the frame again.
using System;
using System.Buffers.Binary;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus45.PgSyncRetryBad;

internal sealed class PgSyncSender(IoRing ring, int socket, TimeSpan sendTimeout)
{
    private readonly byte[] _frame = new byte[64];

    public async Task<int> SendSyncAsync(int sequence, int length, CancellationToken ct)
    {
        int attempts = 0;
        Task<int> send;
    attempt:
        /*~ASYS1005*/BinaryPrimitives.WriteInt32BigEndian(_frame.AsSpan(1, 4), sequence + attempts);
        send = ring.SendAsync(socket, _frame.AsMemory(0, length), MessageFlags.None, ct).AsTask();
        if (await Task.WhenAny(send, Task.Delay(sendTimeout, ct)).ConfigureAwait(false) != send)
        {
            if (++attempts < 3)
            {
                goto attempt;
            }

            throw new TimeoutException("Sync was not sent in time");
        }

        return await send.ConfigureAwait(false);
    }
}
