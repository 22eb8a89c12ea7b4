// A Redis-style pipelined call converts its send's ValueTask to a Task once, waits for it and the reply together with
// Task.WhenAll, then reads both counts from the Tasks: a Task may be awaited any number of times.
using System;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round38.Unobserved.RedisSendTaskKeptOnce;

public sealed class PipelinedCall(IoRing ring, int fd)
{
    private readonly byte[] _reply = new byte[4096];

    public async Task<(int Sent, int Received)> CallAsync(ReadOnlyMemory<byte> request, CancellationToken ct)
    {
        Task<int> send = ring.SendAsync(fd, request, MessageFlags.None, ct).AsTask();
        Task<int> reply = ring.ReceiveAsync(fd, _reply, MessageFlags.None, ct).AsTask();
        await Task.WhenAll(send, reply);
        int sent = await send;
        return (sent, await reply);
    }
}
