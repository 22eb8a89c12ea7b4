// An RPC client starts a request's send through a helper that returns the ring's ValueTask, then retries on a transient error in a loop that awaits that same ValueTask again instead of starting a new send: the second await consumes a source the ring has already recycled.
using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus50.RpcRetryBad;

internal sealed class RpcClient(IoRing ring, int socket)
{
    private ValueTask<int> SendFrameAsync(ReadOnlyMemory<byte> frame, CancellationToken ct) =>
        ring.SendAsync(socket, frame, MessageFlags.NoSignal, ct);

    public async Task<int> CallAsync(ReadOnlyMemory<byte> request, CancellationToken ct)
    {
        ValueTask<int> send = SendFrameAsync(request, ct);
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                return await /*~ASYS1006*/send.ConfigureAwait(false);
            }
            catch (IOException) when (attempt < 3)
            {
                await Task.Delay(50 * attempt, ct).ConfigureAwait(false);
            }
        }
    }
}
