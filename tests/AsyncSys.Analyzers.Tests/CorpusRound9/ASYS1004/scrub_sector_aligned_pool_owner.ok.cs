using System;
using System.Buffers;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round9.Stack.SectorScrubOk;

/// <summary>A scrubber re-reads sectors to surface latent media errors; the scratch sector is rented and kept until the read ends.</summary>
internal static class SectorScrubber
{
    public static async ValueTask<int> ScrubAsync(IoRing ring, int fd, long offset, CancellationToken cancellationToken)
    {
        using IMemoryOwner<byte> sector = AlignedBufferPool.Shared.Rent(512);
        return await ring.ReadAsync(fd, sector.Memory[..512], offset, cancellationToken);
    }
}
