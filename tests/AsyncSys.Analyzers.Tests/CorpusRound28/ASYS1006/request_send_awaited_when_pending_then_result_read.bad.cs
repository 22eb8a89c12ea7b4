// A driver's fast path avoids an await when the ring completed the request's send inline: if the send has not
// completed it awaits it, and then reads .Result for the byte count on every path. On the slow path the await has
// already consumed the ValueTask; .Result reads it a second time, after AsyncSys may have recycled its source for
// another operation: an InvalidOperationException, or another operation's byte count.
using System;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round28.ValueTasks.SendAwaitedThenResult;

public sealed class RequestWriter(IoRing ring, int fd)
{
    public async ValueTask<int> WriteRequestAsync(ReadOnlyMemory<byte> request, CancellationToken ct)
    {
        ValueTask<int> send = ring.SendAsync(fd, request, MessageFlags.NoSignal, ct);
        if (!send.IsCompletedSuccessfully)
        {
            await send;
        }

        int sent = /*~ASYS1006*/send.Result;
        if (sent != request.Length) throw new InvalidOperationException($"short send: {sent} of {request.Length} bytes");
        return sent;
    }
}
