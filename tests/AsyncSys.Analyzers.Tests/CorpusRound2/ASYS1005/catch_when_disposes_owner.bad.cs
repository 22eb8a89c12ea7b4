// A validation step after the read was started can throw; the filtered catch disposes the memory owner while the read runs.
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
        IMemoryOwner<byte> owner = MemoryPool<byte>.Shared.Rent(length);
        ValueTask<int> read;
        try
        {
            read = ring.ReadAsync(fd, owner.Memory.Slice(0, length), offset, cancellationToken);
            ArgumentOutOfRangeException.ThrowIfNegative(offset);
        }
        catch (ArgumentOutOfRangeException) when (length > 0)
        {
            /*~ASYS1005*/owner.Dispose();
            throw;
        }

        using (owner)
        {
            return await read;
        }
    }
}
