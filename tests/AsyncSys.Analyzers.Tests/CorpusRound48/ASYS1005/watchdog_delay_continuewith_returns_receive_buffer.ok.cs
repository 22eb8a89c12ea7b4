// A Redis-style reply reader migrated from a timer-based timeout: a Task.Delay continuation only cancels the pending receive when the reply is late; the pooled buffer goes back in a finally after the receive's own completion (cancelled or not) has been awaited.
using System;
using System.Buffers;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus48.ReplyWatchdogOk;

internal sealed class ReplyReader(IoRing ring, int socket, Action<byte[], int> parse)
{
    public async Task<int> ReadReplyAsync(TimeSpan timeout, CancellationToken ct)
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent(4096);
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        try
        {
            Task<int> receive = ring.ReceiveAsync(socket, buffer, MessageFlags.None, cts.Token).AsTask();
            _ = Task.Delay(timeout, ct).ContinueWith(_ =>
            {
                if (!receive.IsCompleted)
                {
                    cts.Cancel();
                }
            }, CancellationToken.None, TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default);

            int n = await receive.ConfigureAwait(false);
            parse(buffer, n);
            return n;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
