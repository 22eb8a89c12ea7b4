// A log shipper double-buffers: it fills the active array from the source, awaits the previous write, starts the write of the active array and swaps the two with a tuple deconstruction. A short chunk (the source had less than a full array) takes a continue inside the try before the swap, so the next pass fills the same array again while its write, just started, is still reading it.
using System;
using System.Buffers;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus59.SwapSkippedByContinueBad;

internal sealed class LogShipper(IoRing ring, int fd)
{
    private const int ChunkSize = 32 * 1024;

    public async Task ShipAsync(Stream source, CancellationToken ct)
    {
        byte[] active = ArrayPool<byte>.Shared.Rent(ChunkSize);
        byte[] standby = ArrayPool<byte>.Shared.Rent(ChunkSize);
        ValueTask pending = default;
        long offset = 0;
        try
        {
            while (true)
            {
                int n = source.Read(/*~ASYS1005*/active.AsSpan(0, ChunkSize));
                ValueTask previous = pending;
                pending = default;
                await previous.ConfigureAwait(false);
                if (n == 0)
                {
                    break;
                }

                pending = ring.WriteAsync(fd, active.AsMemory(0, n), offset, ct);
                offset += n;
                if (n < ChunkSize)
                {
                    continue;
                }

                (active, standby) = (standby, active);
            }
        }
        finally
        {
            await pending.ConfigureAwait(false);
            ArrayPool<byte>.Shared.Return(active);
            ArrayPool<byte>.Shared.Return(standby);
        }
    }
}
