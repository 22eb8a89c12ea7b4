// A range worker pipelines: it starts writing the chunk it just received to the file at the range's offset and, to keep
// the socket busy, starts the next receive before the write has completed, into the same buffer. The write still reads
// the buffer: the file gets bytes of the next chunk at this chunk's offset, and the checksum check fails at the end.
using System;
using System.Threading.Tasks;
using AsyncSys;

namespace Round25.InFlight.RangePipelineSameBuffer;

public sealed class RangeWorker(IoRing ring, int socketFd, int fileFd)
{
    public async Task<long> CopyRangeAsync(long offset, long end)
    {
        byte[] buffer = new byte[128 * 1024];
        int received = await ring.ReceiveAsync(socketFd, buffer);
        while (received > 0 && offset < end)
        {
            ValueTask write = ring.WriteAsync(fileFd, buffer.AsMemory(0, received), offset);
            ValueTask<int> next = ring.ReceiveAsync(socketFd, /*~ASYS1005*/buffer);
            await write;
            offset += received;
            received = await next;
        }

        return offset;
    }
}
