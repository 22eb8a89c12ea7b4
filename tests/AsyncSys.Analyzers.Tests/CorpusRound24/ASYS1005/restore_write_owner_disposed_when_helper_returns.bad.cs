// A restore path writes each decompressed block with a helper that rents an IMemoryOwner in a using declaration, copies
// the block in and returns the ring's write task to the caller. The using disposes the owner as the helper returns,
// while the pwrite is still in flight: the pool hands the memory to the next block, which overwrites it before the kernel
// has copied it, and the restored file gets the wrong bytes.
using System;
using System.Buffers;
using System.Threading.Tasks;
using AsyncSys;

namespace Round24.InFlight.RestoreOwnerDisposedOnReturn;

public sealed class BlockRestorer(IoRing ring, int targetFd)
{
    public ValueTask WriteBlockAsync(ReadOnlySpan<byte> block, long offset)
    {
        /*~ASYS1005*/using IMemoryOwner<byte> owner = MemoryPool<byte>.Shared.Rent(block.Length);
        block.CopyTo(owner.Memory.Span);
        ValueTask write = ring.WriteAsync(targetFd, owner.Memory[..block.Length], offset);
        return write;
    }
}
