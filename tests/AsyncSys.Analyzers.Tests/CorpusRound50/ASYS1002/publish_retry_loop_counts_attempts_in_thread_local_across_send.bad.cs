// A message publisher retries a send up to five times and counts the attempts in a ThreadLocal<int> (written for a synchronous client, to avoid a field shared by concurrent publishes); the count is bumped before the send's ConfigureAwait(false) await and checked after it, where it is the resuming thread's count, another publish's or none.
using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus50.PublishRetryBad;

internal sealed class Publisher(IoRing ring, int socket) : IDisposable
{
    private const int MaxAttempts = 5;
    private readonly ThreadLocal<int> _attempts = new(() => 0);

    public async Task PublishAsync(ReadOnlyMemory<byte> frame, CancellationToken ct)
    {
        _attempts.Value = 0;
        while (true)
        {
            /*~ASYS1002*/_attempts.Value++;
            try
            {
                await ring.SendAsync(socket, frame, MessageFlags.NoSignal, ct).ConfigureAwait(false);
                return;
            }
            catch (IOException) when (/*~ASYS1002*/_attempts.Value < MaxAttempts)
            {
                await Task.Delay(20, ct).ConfigureAwait(false);
            }
        }
    }

    public void Dispose() => _attempts.Dispose();
}
