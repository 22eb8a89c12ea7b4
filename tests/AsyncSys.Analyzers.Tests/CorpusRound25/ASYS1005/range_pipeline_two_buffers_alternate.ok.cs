// The same pipelined range worker with two buffers: the next receive goes into the other buffer while the write reads
// this one, and both are awaited before the buffers swap roles.
using System;
using System.Threading.Tasks;
using AsyncSys;

namespace Round25.InFlight.RangePipelineTwoBuffers;

public sealed class RangeWorker(IoRing ring, int socketFd, int fileFd)
{
    public async Task<long> CopyRangeAsync(long offset, long end)
    {
        byte[] current = new byte[128 * 1024];
        byte[] spare = new byte[128 * 1024];
        int received = await ring.ReceiveAsync(socketFd, current);
        while (received > 0 && offset < end)
        {
            ValueTask write = ring.WriteAsync(fileFd, current.AsMemory(0, received), offset);
            ValueTask<int> next = ring.ReceiveAsync(socketFd, spare);
            await write;
            offset += received;
            received = await next;
            (current, spare) = (spare, current);
        }

        return offset;
    }
}
