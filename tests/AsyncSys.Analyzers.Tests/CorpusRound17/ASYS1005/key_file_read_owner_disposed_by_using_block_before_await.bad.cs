// A secrets agent reads a key file into memory rented from MemoryPool. The rent sits in a `using` block that only starts
// the read; the task is awaited after the block. The owner goes back to the pool while the kernel still fills it: the
// next renter (a log formatter) gets the key bytes, and the agent's copy may be overwritten by the formatter's text.
using System;
using System.Buffers;
using System.Threading.Tasks;
using AsyncSys;

namespace Round17.InFlight.KeyFileOwnerUsingBlock;

public sealed class KeyFileLoader(IoRing ring)
{
    public async Task<byte[]> LoadAsync(int keyFd, int length)
    {
        ValueTask<int> read;
        Memory<byte> target;
        using (IMemoryOwner<byte> owner = MemoryPool<byte>.Shared.Rent(length))
        {
            target = owner.Memory[..length];
            read = ring.ReadAsync(keyFd, target, 0);
        /*~ASYS1005*/}

        int n = await read;
        return target[..n].ToArray();
    }
}
