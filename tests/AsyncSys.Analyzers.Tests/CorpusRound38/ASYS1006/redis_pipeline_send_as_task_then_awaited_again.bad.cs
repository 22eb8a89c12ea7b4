// A Redis-style pipelined call waits for its send and its reply together with Task.WhenAll(send.AsTask(), reply), then
// awaits the send's ValueTask again for its byte count. AsTask() consumed it: AsyncSys recycles the source behind each
// ValueTask, so the second await observes another operation's result, or throws.
using System;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round38.Unobserved.RedisSendAsTaskAwaitedAgain;

public sealed class PipelinedCall(IoRing ring, int fd)
{
    private readonly byte[] _reply = new byte[4096];

    public async Task<(int Sent, int Received)> CallAsync(ReadOnlyMemory<byte> request, CancellationToken ct)
    {
        ValueTask<int> send = ring.SendAsync(fd, request, MessageFlags.None, ct);
        Task<int> reply = ring.ReceiveAsync(fd, _reply, MessageFlags.None, ct).AsTask();
        await Task.WhenAll(send.AsTask(), reply);
        int sent = await /*~ASYS1006*/send;
        return (sent, await reply);
    }
}
