using System;
using System.Buffers;
using System.Threading.Tasks;
using AsyncSys;

namespace Round5.InFlight.ConditionalAwaited;

internal static class Receiver
{
    public static async Task<byte[]> ReceiveCopyAsync(IoRing ring, int fd, bool peek, int size)
    {
        using IMemoryOwner<byte> owner = MemoryPool<byte>.Shared.Rent(size);
        int n = await (peek
            ? ring.ReceiveAsync(fd, owner.Memory, MessageFlags.Peek)
            : ring.ReceiveAsync(fd, owner.Memory)).ConfigureAwait(false);
        return owner.Memory[..n].ToArray();   // copied out before the owner goes back
    }
}
