// A snapshot writer pipelines its chunk writes: each pass rents a MemoryPool owner with a using declaration, fills it, awaits the previous pass's write and starts this pass's write without awaiting it. The using declaration disposes the owner at the end of its own pass, returning the memory to the pool while its write is still in flight; the next pass's Rent can get the same memory and fill it over the bytes being written.
using System;
using System.Buffers;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus59.UsingOwnerInLoopBad;

internal sealed class SnapshotWriter(IoRing ring, int fd)
{
    private const int ChunkSize = 64 * 1024;

    public async Task WriteAsync(Stream source, CancellationToken ct)
    {
        long offset = 0;
        ValueTask previous = default;
        while (true)
        {
            using IMemoryOwner<byte> /*~ASYS1005*/owner = MemoryPool<byte>.Shared.Rent(ChunkSize);
            int n = await source.ReadAsync(owner.Memory[..ChunkSize], ct).ConfigureAwait(false);
            await previous.ConfigureAwait(false);
            if (n == 0)
            {
                break;
            }

            previous = ring.WriteAsync(fd, owner.Memory[..n], offset, ct);
            offset += n;
        }
    }
}
