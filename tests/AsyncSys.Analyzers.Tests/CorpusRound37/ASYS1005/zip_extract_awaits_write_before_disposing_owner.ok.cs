// The same extraction, the write awaited inside the try: the owner goes back only after the kernel is done with it.
using System;
using System.Buffers;
using System.IO;
using System.IO.Compression;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round37.InFlight.ZipOwnerAfterWrite;

public sealed class EntrySink(IoRing ring, MemoryPool<byte> pool)
{
    public async ValueTask WriteEntryAsync(int fd, Stream deflated, int uncompressedLength, CancellationToken ct)
    {
        IMemoryOwner<byte> owner = pool.Rent(uncompressedLength);
        try
        {
            using (var inflater = new DeflateStream(deflated, CompressionMode.Decompress, leaveOpen: true))
            {
                inflater.ReadExactly(owner.Memory.Span[..uncompressedLength]);
            }

            await ring.WriteAsync(fd, owner.Memory[..uncompressedLength], 0, ct);
        }
        finally
        {
            owner.Dispose();
        }
    }
}
