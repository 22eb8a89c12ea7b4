// A Redis-style reply reader migrated from a timer-based timeout: a Task.Delay continuation cancels the pending receive and returns its pooled buffer when the reply is late. Cancelling only asks: the receive keeps the buffer until its completion arrives, and by then the pool may have handed the array to another reader.
using System;
using System.Buffers;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus48.ReplyWatchdogBad;

internal sealed class ReplyReader(IoRing ring, int socket, Action<byte[], int> parse)
{
    public async Task<int> ReadReplyAsync(TimeSpan timeout, CancellationToken ct)
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent(4096);
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        Task<int> receive = ring.ReceiveAsync(socket, buffer, MessageFlags.None, cts.Token).AsTask();
        _ = Task.Delay(timeout, ct).ContinueWith(_ =>
        {
            if (!receive.IsCompleted)
            {
                cts.Cancel();
                /*~ASYS1005*/ArrayPool<byte>.Shared.Return(buffer);
            }
        }, CancellationToken.None, TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default);

        int n = await receive.ConfigureAwait(false);
        parse(buffer, n);
        ArrayPool<byte>.Shared.Return(buffer);
        return n;
    }
}
