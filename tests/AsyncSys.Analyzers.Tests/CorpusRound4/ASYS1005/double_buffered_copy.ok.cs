using System;
using System.Threading.Tasks;
using AsyncSys;

namespace Round4.InFlight.DoubleBuffer;

internal static class Copier
{
    // Fills one buffer while the other is being written; a buffer is filled again only after its write was awaited.
    public static async Task CopyAsync(IoRing ring, int fd, ReadOnlyMemory<byte> source)
    {
        byte[] even = new byte[64 * 1024];
        byte[] odd = new byte[64 * 1024];
        ValueTask pending = default;
        bool hasPending = false;
        long offset = 0;
        for (int chunk = 0; offset < source.Length; chunk++)
        {
            byte[] fill = chunk % 2 == 0 ? even : odd;
            int n = (int)Math.Min(fill.Length, source.Length - offset);
            source.Span.Slice((int)offset, n).CopyTo(fill);
            if (hasPending)
            {
                await pending;
            }

            pending = ring.WriteAsync(fd, fill.AsMemory(0, n), offset);
            hasPending = true;
            offset += n;
        }

        if (hasPending)
        {
            await pending;
        }
    }
}
