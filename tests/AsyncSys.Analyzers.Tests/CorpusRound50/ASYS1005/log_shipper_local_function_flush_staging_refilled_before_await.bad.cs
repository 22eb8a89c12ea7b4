// A log shipper batches lines into one staging array and flushes it through a local function that captures the array and returns the ring's write without awaiting it; to overlap work, the shipper copies the next line into the staging array before awaiting the flush, over the bytes the kernel is still writing out.
using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus50.ShipperStagingBad;

internal sealed class LogShipper(IoRing ring, int fd)
{
    public async Task ShipAsync(IReadOnlyList<ReadOnlyMemory<byte>> lines, CancellationToken ct)
    {
        byte[] staging = new byte[64 * 1024];
        int used = 0;
        long offset = 0;

        foreach (ReadOnlyMemory<byte> line in lines)
        {
            if (used + line.Length > staging.Length)
            {
                ValueTask flush = Flush(used, offset);
                offset += used;
                /*~ASYS1005*/line.Span.CopyTo(staging);
                used = line.Length;
                await flush.ConfigureAwait(false);
                continue;
            }

            line.Span.CopyTo(staging.AsSpan(used));
            used += line.Length;
        }

        await Flush(used, offset).ConfigureAwait(false);

        ValueTask Flush(int length, long at) => ring.WriteAsync(fd, staging.AsMemory(0, length), at, ct);
    }
}
