// The per-query timeout made right: the callback registered on the linked token only marks the connection broken
// (a timed-out protocol exchange leaves the stream out of sync), and the reply buffer goes back to the pool in a
// finally after the receive given that token has been awaited, whichever way it ended.
using System;
using System.Buffers;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round28.InFlight.QueryCancelCallbackMarksBroken;

public sealed class QueryRunner(IoRing ring, int fd)
{
    private volatile bool _broken;

    public bool Broken => _broken;

    public async Task<int> ReceiveReplyAsync(TimeSpan timeout, Func<ReadOnlyMemory<byte>, int> parse, CancellationToken ct)
    {
        byte[] reply = ArrayPool<byte>.Shared.Rent(8192);
        try
        {
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct);
            linked.CancelAfter(timeout);
            using CancellationTokenRegistration registration = linked.Token.Register(() => _broken = true);
            int n = await ring.ReceiveAsync(fd, reply, MessageFlags.None, linked.Token);
            return parse(reply.AsMemory(0, n));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(reply);
        }
    }
}
