// The same key loader awaiting the read inside the `using` block, then copying the key out and wiping the pooled memory
// before it goes back to the pool.
using System;
using System.Buffers;
using System.Security.Cryptography;
using System.Threading.Tasks;
using AsyncSys;

namespace Round17.InFlight.KeyFileOwnerAwaitedInside;

public sealed class KeyFileLoader(IoRing ring)
{
    public async Task<byte[]> LoadAsync(int keyFd, int length)
    {
        using IMemoryOwner<byte> owner = MemoryPool<byte>.Shared.Rent(length);
        Memory<byte> target = owner.Memory[..length];
        int n = await ring.ReadAsync(keyFd, target, 0);
        byte[] key = target[..n].ToArray();
        CryptographicOperations.ZeroMemory(target.Span);
        return key;
    }
}
