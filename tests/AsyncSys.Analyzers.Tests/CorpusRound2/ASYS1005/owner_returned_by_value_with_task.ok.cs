// The operation and the memory owner leave together in a tuple; the caller awaits before disposing.
using System.Buffers;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round2;

internal static class Prefetch
{
    public static (ValueTask<int> Read, IMemoryOwner<byte> Owner) Start(IoRing ring, int fd, long offset, CancellationToken cancellationToken)
    {
        IMemoryOwner<byte> owner = MemoryPool<byte>.Shared.Rent(4096);
        return (ring.ReadAsync(fd, owner.Memory, offset, cancellationToken), owner);
    }

    public static async Task<int> UseAsync(IoRing ring, int fd, CancellationToken cancellationToken)
    {
        var (read, owner) = Start(ring, fd, 0, cancellationToken);
        using (owner)
        {
            return await read;
        }
    }
}
