// The block restorer made right: the helper is async and awaits the write inside the using declaration's scope, so the
// owner goes back to the pool only after the kernel has copied the block.
using System;
using System.Buffers;
using System.Threading.Tasks;
using AsyncSys;

namespace Round24.InFlight.RestoreOwnerDisposedAfterAwait;

public sealed class BlockRestorer(IoRing ring, int targetFd)
{
    public async ValueTask WriteBlockAsync(ReadOnlyMemory<byte> block, long offset)
    {
        using IMemoryOwner<byte> owner = MemoryPool<byte>.Shared.Rent(block.Length);
        block.CopyTo(owner.Memory);
        ValueTask write = ring.WriteAsync(targetFd, owner.Memory[..block.Length], offset);
        await write;
    }
}
