// The shipper swaps the arrays right after starting the write, before the short-chunk continue, so every next pass fills the other array while the write reads this one.
using System;
using System.Buffers;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus59.SwapSkippedByContinueOk;

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
                int n = source.Read(active.AsSpan(0, ChunkSize));
                ValueTask previous = pending;
                pending = default;
                await previous.ConfigureAwait(false);
                if (n == 0)
                {
                    break;
                }

                pending = ring.WriteAsync(fd, active.AsMemory(0, n), offset, ct);
                offset += n;
                (active, standby) = (standby, active);
                if (n < ChunkSize)
                {
                    continue;
                }
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
