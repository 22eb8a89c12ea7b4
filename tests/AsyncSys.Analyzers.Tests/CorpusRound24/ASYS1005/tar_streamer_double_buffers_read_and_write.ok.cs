// The tar streamer made right: two pooled buffers alternate, so the next block is read into the buffer that is not being
// written; each buffer is touched again only after its operation was awaited.
using System;
using System.Buffers;
using System.Threading.Tasks;
using AsyncSys;

namespace Round24.InFlight.TarDoubleBuffer;

public static class TarMemberCopier
{
    public static async Task<long> CopyAsync(IoRing ring, int fileFd, int pipeFd, long size)
    {
        byte[] current = ArrayPool<byte>.Shared.Rent(64 * 1024);
        byte[] spare = ArrayPool<byte>.Shared.Rent(64 * 1024);
        try
        {
            long offset = 0;
            int n = await ring.ReadAsync(fileFd, current, offset);
            while (n > 0)
            {
                ValueTask write = ring.WriteAsync(pipeFd, current.AsMemory(0, n), -1);
                offset += n;
                ValueTask<int> next = offset < size ? ring.ReadAsync(fileFd, spare, offset) : new ValueTask<int>(0);
                await write;
                n = await next;
                (current, spare) = (spare, current);
            }

            return offset;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(current);
            ArrayPool<byte>.Shared.Return(spare);
        }
    }
}
