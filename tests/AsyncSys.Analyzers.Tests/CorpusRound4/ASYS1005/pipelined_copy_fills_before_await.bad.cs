using System;
using System.Buffers;
using System.Threading.Tasks;
using AsyncSys;

namespace Round4.InFlight.Pipelined;

internal static class Copier
{
    public static async Task CopyAsync(IoRing ring, int fd, ReadOnlyMemory<byte> source)
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
        try
        {
            long offset = 0;
            ValueTask pending = default;
            bool hasPending = false;
            while (offset < source.Length)
            {
                int n = (int)Math.Min(buffer.Length, source.Length - offset);
                /*~ASYS1005*/source.Span.Slice((int)offset, n).CopyTo(buffer);   // the previous write may still be reading it
                if (hasPending)
                {
                    await pending;
                }

                pending = ring.WriteAsync(fd, buffer.AsMemory(0, n), offset);
                hasPending = true;
                offset += n;
            }

            if (hasPending)
            {
                await pending;
            }
        }
        finally
        {
            /*~ASYS1005*/ArrayPool<byte>.Shared.Return(buffer);   // also reached when the next copy throws with a write in flight
        }
    }
}
