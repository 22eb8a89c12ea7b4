// A tar streamer copies a file into the output pipe with one pooled buffer: to overlap I/O it starts the pipe write of
// the block it just read and immediately starts reading the next block into the same buffer, awaiting the write only
// afterwards. The read fills the buffer while the write still copies from it: the archive receives a mix of two blocks.
using System;
using System.Buffers;
using System.Threading.Tasks;
using AsyncSys;

namespace Round24.InFlight.TarReadIntoWritingBuffer;

public static class TarMemberCopier
{
    public static async Task<long> CopyAsync(IoRing ring, int fileFd, int pipeFd, long size)
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
        try
        {
            long offset = 0;
            int n = await ring.ReadAsync(fileFd, buffer, offset);
            while (n > 0)
            {
                ValueTask write = ring.WriteAsync(pipeFd, buffer.AsMemory(0, n), -1);
                offset += n;
                ValueTask<int> next = offset < size ? /*~ASYS1005*/ring.ReadAsync(fileFd, buffer, offset) : new ValueTask<int>(0);
                await write;
                n = await next;
            }

            return offset;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
