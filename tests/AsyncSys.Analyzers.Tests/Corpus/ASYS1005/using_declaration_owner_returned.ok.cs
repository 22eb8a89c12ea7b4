// The same `using var` in an async method that awaits the read before the scope ends.
using System;
using System.Buffers;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus;

internal static class Prefetch
{
    public static async ValueTask<int> WarmAsync(IoRing ring, int fd, long offset, CancellationToken cancellationToken)
    {
        using IMemoryOwner<byte> owner = MemoryPool<byte>.Shared.Rent(64 * 1024);
        return await ring.ReadAsync(fd, owner.Memory, offset, cancellationToken);
    }
}
