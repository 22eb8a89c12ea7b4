// An indexer reads each entry's size with a raw statx request into a managed array (AsyncSys pins it for the whole
// operation) rather than a stackalloc'd struct, and awaits it before parsing stx_size.
using System;
using System.Buffers.Binary;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round27.StackMemory.StatxManagedBuffer;

public static class EntrySizes
{
    private const int StxSizeOffset = 40;

    public static async Task<ulong> SizeOfAsync(IoRing ring, int dirFd, string name, CancellationToken ct)
    {
        byte[] statx = new byte[Statx.StructSize];
        await ring.SubmitAsync(RingRequest.Statx(dirFd, name, AtFlags.SymlinkNoFollow, StatxMask.FileSize, statx), ct);
        return BinaryPrimitives.ReadUInt64LittleEndian(statx.AsSpan(StxSizeOffset, 8));
    }
}
