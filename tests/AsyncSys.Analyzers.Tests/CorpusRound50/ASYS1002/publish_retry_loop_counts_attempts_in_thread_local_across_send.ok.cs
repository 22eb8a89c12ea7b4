// A message publisher retries a send up to five times and counts the attempts in a local of the publish, which moves with the method from thread to thread across the send's ConfigureAwait(false) await.
using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus50.PublishRetryOk;

internal sealed class Publisher(IoRing ring, int socket)
{
    private const int MaxAttempts = 5;

    public async Task PublishAsync(ReadOnlyMemory<byte> frame, CancellationToken ct)
    {
        int attempts = 0;
        while (true)
        {
            attempts++;
            try
            {
                await ring.SendAsync(socket, frame, MessageFlags.NoSignal, ct).ConfigureAwait(false);
                return;
            }
            catch (IOException) when (attempts < MaxAttempts)
            {
                await Task.Delay(20, ct).ConfigureAwait(false);
            }
        }
    }
}
