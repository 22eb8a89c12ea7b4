// The snapshot writer keeps the using declaration in the loop but awaits each pass's write inside that pass, so the owner is disposed at the end of the pass only after its write has completed.
using System;
using System.Buffers;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus59.UsingOwnerInLoopOk;

internal sealed class SnapshotWriter(IoRing ring, int fd)
{
    private const int ChunkSize = 64 * 1024;

    public async Task WriteAsync(Stream source, CancellationToken ct)
    {
        long offset = 0;
        while (true)
        {
            using IMemoryOwner<byte> owner = MemoryPool<byte>.Shared.Rent(ChunkSize);
            int n = await source.ReadAsync(owner.Memory[..ChunkSize], ct).ConfigureAwait(false);
            if (n == 0)
            {
                break;
            }

            await ring.WriteAsync(fd, owner.Memory[..n], offset, ct).ConfigureAwait(false);
            offset += n;
        }
    }
}
