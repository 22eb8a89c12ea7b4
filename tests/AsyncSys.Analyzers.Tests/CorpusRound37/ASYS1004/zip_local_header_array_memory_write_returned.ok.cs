// The same patch, the array handed to the ring as Memory: the operation keeps the array alive and pinned itself.
using System;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round37.StackMemory.ZipHeaderArrayMemory;

public sealed class LocalHeaderPatcher(IoRing ring, int zipFd)
{
    public ValueTask PatchCrc(long headerOffset, uint crc, uint compressed, uint uncompressed, CancellationToken ct)
    {
        byte[] header = new byte[12];
        BitConverter.TryWriteBytes(header.AsSpan(0, 4), crc);
        BitConverter.TryWriteBytes(header.AsSpan(4, 4), compressed);
        BitConverter.TryWriteBytes(header.AsSpan(8, 4), uncompressed);
        return ring.WriteAsync(zipFd, header, headerOffset + 14, ct);
    }
}
