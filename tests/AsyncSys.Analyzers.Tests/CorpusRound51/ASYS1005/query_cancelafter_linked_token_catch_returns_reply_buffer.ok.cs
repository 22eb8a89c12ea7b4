// A database client starts the reply's receive under a linked token with CancelAfter(timeout), then sends the query with the same token; when anything throws it cancels the deadline and awaits the receive's own task (suppressing its outcome) before the array goes back to the pool.
using System;
using System.Buffers;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus51.QueryCancelAfterOk;

internal sealed class QueryConnection(IoRing ring, int socket)
{
    public async Task<byte[]> QueryAsync(ReadOnlyMemory<byte> query, int replySize, TimeSpan timeout, CancellationToken ct)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(timeout);
        byte[] reply = ArrayPool<byte>.Shared.Rent(replySize);
        Task<int> receive = ring.ReceiveAsync(socket, reply.AsMemory(0, replySize), MessageFlags.WaitAll, deadline.Token).AsTask();
        try
        {
            await ring.SendAsync(socket, query, MessageFlags.NoSignal, deadline.Token).ConfigureAwait(false);
            int n = await receive.ConfigureAwait(false);
            byte[] result = reply.AsSpan(0, n).ToArray();
            ArrayPool<byte>.Shared.Return(reply);
            return result;
        }
        catch (Exception ex)
        {
            deadline.Cancel();
            await ((Task)receive).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            ArrayPool<byte>.Shared.Return(reply);
            if (ex is OperationCanceledException && !ct.IsCancellationRequested)
            {
                throw new TimeoutException("query timed out", ex);
            }

            throw;
        }
    }
}
