// A per-query timeout is a linked token source with CancelAfter. To "free resources early" the query registers a
// callback on that token which marks the connection broken and returns the reply buffer to the pool. The callback runs
// the moment the timeout fires, while the receive given the same token is still in flight: cancellation is only a
// request, and the kernel may still complete the receive into the array the pool has handed out again.
using System;
using System.Buffers;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round28.InFlight.QueryCancelCallbackReturnsBuffer;

public sealed class QueryRunner(IoRing ring, int fd)
{
    private volatile bool _broken;

    public bool Broken => _broken;

    public async Task<int> ReceiveReplyAsync(TimeSpan timeout, Func<ReadOnlyMemory<byte>, int> parse, CancellationToken ct)
    {
        byte[] reply = ArrayPool<byte>.Shared.Rent(8192);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct);
        linked.CancelAfter(timeout);
        using CancellationTokenRegistration registration = linked.Token.Register(() =>
        {
            _broken = true;
            /*~ASYS1005*/ArrayPool<byte>.Shared.Return(reply);
        });

        int n = await ring.ReceiveAsync(fd, reply, MessageFlags.None, linked.Token);
        int rows = parse(reply.AsMemory(0, n));
        ArrayPool<byte>.Shared.Return(reply);
        return rows;
    }
}
