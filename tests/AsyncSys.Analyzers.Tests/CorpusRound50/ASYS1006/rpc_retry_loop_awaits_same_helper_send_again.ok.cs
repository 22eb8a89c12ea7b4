// An RPC client retries a request's send on a transient error, starting a new send through its helper on each attempt and awaiting each ValueTask once.
using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus50.RpcRetryOk;

internal sealed class RpcClient(IoRing ring, int socket)
{
    private ValueTask<int> SendFrameAsync(ReadOnlyMemory<byte> frame, CancellationToken ct) =>
        ring.SendAsync(socket, frame, MessageFlags.NoSignal, ct);

    public async Task<int> CallAsync(ReadOnlyMemory<byte> request, CancellationToken ct)
    {
        for (int attempt = 1; ; attempt++)
        {
            ValueTask<int> send = SendFrameAsync(request, ct);
            try
            {
                return await send.ConfigureAwait(false);
            }
            catch (IOException) when (attempt < 3)
            {
                await Task.Delay(50 * attempt, ct).ConfigureAwait(false);
            }
        }
    }
}
