// The thumbnail grid made right: the owners are kept in a list and disposed in finally, after every read was awaited.
using System;
using System.Buffers;
using System.Collections.Generic;
using System.Threading.Tasks;
using AsyncSys;

namespace Round32.InFlight.ThumbnailGridOwnersAfter;

public sealed class ThumbnailGrid(IoRing ring)
{
    public async Task<int[]> LoadHeadersAsync(IReadOnlyList<int> fds)
    {
        var owners = new List<IMemoryOwner<byte>>(fds.Count);
        try
        {
            var reads = new List<Task<int>>(fds.Count);
            foreach (int fd in fds)
            {
                IMemoryOwner<byte> owner = MemoryPool<byte>.Shared.Rent(512);
                owners.Add(owner);
                reads.Add(ring.ReadAsync(fd, owner.Memory[..512], 0).AsTask());
            }

            return await Task.WhenAll(reads);
        }
        finally
        {
            foreach (IMemoryOwner<byte> owner in owners)
            {
                owner.Dispose();
            }
        }
    }
}
