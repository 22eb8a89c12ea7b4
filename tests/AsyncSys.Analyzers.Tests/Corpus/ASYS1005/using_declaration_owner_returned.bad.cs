// `using var` disposes the pooled memory when the method returns, before the returned read completes.
using System;
using System.Buffers;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus;

internal static class Prefetch
{
    public static ValueTask<int> WarmAsync(IoRing ring, int fd, long offset, CancellationToken cancellationToken)
    {
        /*~ASYS1005*/using IMemoryOwner<byte> owner = MemoryPool<byte>.Shared.Rent(64 * 1024);
        return ring.ReadAsync(fd, owner.Memory, offset, cancellationToken);
    }
}
