// A Redis-style pipelined connection keeps one I/O array (a field). It starts sending a large batch of commands from the
// array and, without waiting for that send, receives replies into the whole array: replies to the batch's first
// commands arrive while the socket is still taking its tail, and the receive overwrites request bytes the send has not
// read yet, so the server executes half-overwritten commands.
using System;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round38.InFlight.RedisReplyOverRequest;

public sealed class PipelinedConnection(IoRing ring, int fd)
{
    private readonly byte[] _io = new byte[64 * 1024];

    public async Task<int> ExecuteBatchAsync(int requestLength, CancellationToken ct)
    {
        ValueTask<int> send = ring.SendAsync(fd, _io.AsMemory(0, requestLength), MessageFlags.None, ct);
        int received = await ring.ReceiveAsync(fd, /*~ASYS1005*/_io, MessageFlags.None, ct);
        await send;
        return received;
    }
}
