// A response write with a send timeout races the send's Task (from AsTask, taken once) against a delay, cancels on timeout, then awaits that same Task to get the byte count.
using System;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Responses;

internal sealed class TimedSender(IoRing ring, TimeSpan sendTimeout)
{
    public async Task<int> SendAsync(int socket, ReadOnlyMemory<byte> response, CancellationToken ct)
    {
        using var sendCancel = CancellationTokenSource.CreateLinkedTokenSource(ct);
        ValueTask<int> send = ring.SendAsync(socket, response, MessageFlags.NoSignal, sendCancel.Token);
        Task<int> sending = send.AsTask();
        if (await Task.WhenAny(sending, Task.Delay(sendTimeout, ct)) != sending)
        {
            sendCancel.Cancel();
        }

        try
        {
            return await sending;
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new TimeoutException("the client stopped reading");
        }
    }
}
