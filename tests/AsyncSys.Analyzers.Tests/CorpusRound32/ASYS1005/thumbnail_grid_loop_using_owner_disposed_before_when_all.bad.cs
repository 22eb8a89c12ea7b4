// A thumbnail grid starts one header read per visible file, each into memory rented in a `using` declaration inside the
// loop body, and awaits them all after the loop. Each owner goes back to the pool at the end of its iteration while its
// read is still in flight: the next iteration rents the same block, and two thumbnails decode one file's bytes.
using System;
using System.Buffers;
using System.Collections.Generic;
using System.Threading.Tasks;
using AsyncSys;

namespace Round32.InFlight.ThumbnailGridUsingInLoop;

public sealed class ThumbnailGrid(IoRing ring)
{
    public async Task<int[]> LoadHeadersAsync(IReadOnlyList<int> fds)
    {
        var reads = new List<Task<int>>(fds.Count);
        foreach (int fd in fds)
        {
            /*~ASYS1005*/using IMemoryOwner<byte> owner = MemoryPool<byte>.Shared.Rent(512);
            reads.Add(ring.ReadAsync(fd, owner.Memory[..512], 0).AsTask());
        }

        return await Task.WhenAll(reads);
    }
}
