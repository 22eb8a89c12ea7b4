// The argument is validated before the read is started, so nothing can throw while it is in flight.
using System;
using System.Buffers;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round2;

internal static class Loader
{
    public static async Task<int> LoadAsync(IoRing ring, int fd, long offset, int length, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        using IMemoryOwner<byte> owner = MemoryPool<byte>.Shared.Rent(length);
        ValueTask<int> read = ring.ReadAsync(fd, owner.Memory.Slice(0, length), offset, cancellationToken);
        return await read;
    }
}
