// The request writer's fast path made right: the ValueTask is consumed exactly once on every path, by .Result when it
// has already completed successfully and by the await otherwise.
using System;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round28.ValueTasks.SendFastPathOnce;

public sealed class RequestWriter(IoRing ring, int fd)
{
    public async ValueTask<int> WriteRequestAsync(ReadOnlyMemory<byte> request, CancellationToken ct)
    {
        ValueTask<int> send = ring.SendAsync(fd, request, MessageFlags.NoSignal, ct);
        int sent = send.IsCompletedSuccessfully ? send.Result : await send;
        if (sent != request.Length) throw new InvalidOperationException($"short send: {sent} of {request.Length} bytes");
        return sent;
    }
}
