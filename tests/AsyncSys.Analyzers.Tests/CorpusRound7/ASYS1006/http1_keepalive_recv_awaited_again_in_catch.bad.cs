using System;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round7.Results.Http1KeepAlive;

/// <summary>An HTTP/1 keep-alive connection waits for the next request; an idle timeout cancels the receive once, then it retries.</summary>
internal sealed class KeepAliveConnection(IoRing ring, int socketFd, byte[] buffer)
{
    public async Task<int> NextRequestAsync(TimeSpan idle, CancellationToken shutdown)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(shutdown);
        timeout.CancelAfter(idle);
        ValueTask<int> receive = ring.ReceiveAsync(socketFd, buffer, MessageFlags.None, timeout.Token);
        try
        {
            return await receive;
        }
        catch (OperationCanceledException) when (!shutdown.IsCancellationRequested)
        {
            return await /*~ASYS1006*/receive;   // the same ValueTask again: its source may be another operation's by now
        }
    }
}
