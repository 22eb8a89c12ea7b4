// A keep-alive connection receives into its one buffer under a linked token; when the idle timer wins it cancels the receive and waits for the receive's task to end (cancelled or not) before writing a ping frame into the same buffer to send it.
using System;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus50.IdlePingOk;

internal sealed class KeepAliveConnection(IoRing ring, int socket, Func<ReadOnlyMemory<byte>, ValueTask> onFrame)
{
    private const byte PingOpcode = 0x09;
    private readonly byte[] _buffer = new byte[8192];

    public async Task RunAsync(TimeSpan idle, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            using var receiveCts = CancellationTokenSource.CreateLinkedTokenSource(ct);
            Task<int> receive = ring.ReceiveAsync(socket, _buffer, MessageFlags.None, receiveCts.Token).AsTask();
            Task first = await Task.WhenAny(receive, Task.Delay(idle, ct)).ConfigureAwait(false);
            if (first != receive)
            {
                receiveCts.Cancel();
                await ((Task)receive).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                if (receive.IsCompletedSuccessfully && receive.Result > 0)
                {
                    await onFrame(_buffer.AsMemory(0, receive.Result)).ConfigureAwait(false);
                }

                _buffer[0] = PingOpcode;
                _buffer[1] = 0;
                await ring.SendAsync(socket, _buffer.AsMemory(0, 2), MessageFlags.NoSignal, ct).ConfigureAwait(false);
                continue;
            }

            int n = await receive.ConfigureAwait(false);
            if (n == 0)
            {
                return;
            }

            await onFrame(_buffer.AsMemory(0, n)).ConfigureAwait(false);
        }
    }
}
