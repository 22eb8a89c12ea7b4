// A Redis-style pipelined connection keeps one I/O array (a field). It sends a batch of commands from the first
// `requestLength` bytes and, while that send runs, receives replies into the rest of the array, from `requestLength`
// on: the two operations use disjoint parts of the array.
using System;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round38.InFlight.RedisReplyAfterRequest;

public sealed class PipelinedConnection(IoRing ring, int fd)
{
    private readonly byte[] _io = new byte[64 * 1024];

    public async Task<int> ExecuteBatchAsync(int requestLength, CancellationToken ct)
    {
        ValueTask<int> send = ring.SendAsync(fd, _io.AsMemory(0, requestLength), MessageFlags.None, ct);
        int received = await ring.ReceiveAsync(fd, _io.AsMemory(requestLength), MessageFlags.None, ct);
        await send;
        return received;
    }
}
