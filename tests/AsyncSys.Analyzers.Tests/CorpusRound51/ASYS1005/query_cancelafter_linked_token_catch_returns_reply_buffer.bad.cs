// A database client starts the reply's receive under a linked token with CancelAfter(timeout), then sends the query with the same token; when the send is cancelled the catch returns the reply buffer to the pool, but cancellation was only requested for the receive, which has not ended and may still write into the buffer.
using System;
using System.Buffers;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus51.QueryCancelAfterBad;

internal sealed class QueryConnection(IoRing ring, int socket)
{
    public async Task<byte[]> QueryAsync(ReadOnlyMemory<byte> query, int replySize, TimeSpan timeout, CancellationToken ct)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(timeout);
        byte[] reply = ArrayPool<byte>.Shared.Rent(replySize);
        ValueTask<int> receive = ring.ReceiveAsync(socket, reply.AsMemory(0, replySize), MessageFlags.WaitAll, deadline.Token);
        try
        {
            await ring.SendAsync(socket, query, MessageFlags.NoSignal, deadline.Token).ConfigureAwait(false);
            int n = await receive.ConfigureAwait(false);
            byte[] result = reply.AsSpan(0, n).ToArray();
            ArrayPool<byte>.Shared.Return(reply);
            return result;
        }
        catch (OperationCanceledException)
        {
            /*~ASYS1005*/ArrayPool<byte>.Shared.Return(reply);
            throw new TimeoutException("query timed out");
        }
    }
}
